import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { parse } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApolloClient, deriveWsUrl } from './createApolloClient';
import { errorCode, errorMessage, NETWORK_ERROR_MESSAGE } from './errors';

const ME = parse('query Me { me { id } }');

/** Stands in for the API: records each request and answers with `body`. */
function stubFetch(body: unknown | (() => Promise<Response>)) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    if (typeof body === 'function') return (body as () => Promise<Response>)();
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchStub);
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

function client(options: Parameters<typeof createApolloClient>[0] = {}) {
  return createApolloClient({ httpUrl: 'http://api.test/graphql', wsUrl: null, ...options });
}

describe('createApolloClient', () => {
  it('posts to the endpoint with the CSRF preflight header and cookies included', async () => {
    const calls = stubFetch({ data: { me: null } });
    const { data } = await client().query({ query: ME });

    expect(data).toEqual({ me: null });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('http://api.test/graphql');
    expect(calls[0]!.init?.credentials).toBe('include');
    expect(new Headers(calls[0]!.init?.headers).get('apollo-require-preflight')).toBe('true');
  });

  it('replaces coded error messages with friendly ones and reports UNAUTHENTICATED', async () => {
    stubFetch({ data: null, errors: [{ message: 'Session expired (token 123)', extensions: { code: 'UNAUTHENTICATED' } }] });
    const onUnauthenticated = vi.fn();

    const error = await client({ onUnauthenticated })
      .query({ query: ME })
      .catch((e: unknown) => e);

    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect(errorCode(error)).toBe('UNAUTHENTICATED');
    expect(errorMessage(error)).toBe('Your session has ended. Please log in again.');
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['FORBIDDEN', "You don't have permission to do that."],
    ['NOT_FOUND', "We couldn't find what you were looking for."],
    ['RATE_LIMITED', 'Too many requests. Please wait a moment and try again.'],
    ['BAD_USER_INPUT', 'Some of the information sent was not valid. Please check it and try again.'],
    ['INTERNAL', 'Something went wrong on our side. Please try again.'],
  ])('maps %s to a friendly message', async (code, friendly) => {
    stubFetch({ data: null, errors: [{ message: 'raw server text', extensions: { code } }] });
    const error = await client()
      .query({ query: ME })
      .catch((e: unknown) => e);
    expect(errorMessage(error)).toBe(friendly);
  });

  it('explains an unreachable server', async () => {
    stubFetch(() => Promise.reject(new TypeError('fetch failed')));
    const error = await client()
      .query({ query: ME })
      .catch((e: unknown) => e);
    expect(errorMessage(error)).toBe(NETWORK_ERROR_MESSAGE);
  });

  it('derives the graphql-ws URL from the HTTP endpoint', () => {
    expect(deriveWsUrl('http://localhost:4000/graphql')).toBe('ws://localhost:4000/graphql');
    expect(deriveWsUrl('https://hotlead.example/graphql')).toBe('wss://hotlead.example/graphql');
  });
});
