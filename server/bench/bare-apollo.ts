// The baseline: a bare Apollo Server 5 on Express 5 with `type Query { hello: String }` resolving a
// constant. Same HTTP stack as the API (express.json + expressMiddleware), none of its work.
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

export async function startBareApollo(): Promise<BareServer> {
  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, stop: () => apollo.stop() };
}
