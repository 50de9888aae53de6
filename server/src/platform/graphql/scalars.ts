// Custom scalars: DateTime (ISO 8601), Decimal (exact, as a string), JSON.
import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

const DECIMAL = /^-?\d{1,16}(\.\d{1,4})?$/;

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal amount (money or credits) with up to 4 places, as a string: "12.5000".',
  serialize(value) {
    const text = typeof value === 'string' ? value : String(value);
    if (!DECIMAL.test(text)) throw new TypeError(`Decimal cannot represent ${text}`);
    return text;
  },
  parseValue(value) {
    if (typeof value !== 'string' || !DECIMAL.test(value)) throw new TypeError('Decimal must be a string like "12.50"');
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !DECIMAL.test(ast.value)) throw new TypeError('Decimal must be a string like "12.50"');
    return ast.value;
  },
});

export const DateTimeScalar = DateTimeResolver;
export const JSONScalar = JSONResolver;
