import { buildSchema, parse, validate } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import fs from 'node:fs';
const schema = buildSchema(fs.readFileSync('libs/graphql-client/schema.graphql', 'utf8'));
for (const q of process.argv.slice(2)) {
  let msg = 'ok';
  validate(schema, parse(q), [costLimitRule({ maxCost: 1, propagateOnRejection: false, onReject: [(c, e) => { msg = e.message; }] })]);
  console.log(msg.replace('Syntax Error: Query Cost limit of 1 exceeded, found ', ''), '<=', q.slice(0, 140));
}
