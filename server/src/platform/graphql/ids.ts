// Opaque global ids for `Node` objects: base64url("Type:uuid"). Clients treat them as strings; the
// type tag lets `node(id)` route and lets inputs reject an id of the wrong kind.
import { Field, ID, InterfaceType } from 'type-graphql';
import { badInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** The raw id inside a global id, or undefined when it is malformed. */
export function parseGlobalId(globalId: string): { type: string; id: string } | undefined {
  if (globalId.length > 200) return undefined;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep <= 0) return undefined;
  const type = decoded.slice(0, sep);
  const id = decoded.slice(sep + 1);
  if (!UUID.test(id)) return undefined;
  return { type, id };
}

/** The raw id for an input that must reference a `type`; a malformed or foreign id is BAD_USER_INPUT. */
export function fromGlobalId(globalId: string, type: string, argument = 'id'): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== type) throw badInput(`"${argument}" is not a valid ${type} id.`);
  return parsed.id;
}

@InterfaceType({ description: 'An object with a global id.' })
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
