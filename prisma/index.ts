// The generated Prisma client (prisma generate → ./generated, not committed) and its types.
export * from './generated/client.ts';
