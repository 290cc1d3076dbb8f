import { Field, Int, ObjectType } from 'type-graphql';

/** The GraphQL face of one import problem (see `ImportProblem` in libs/domain). */
@ObjectType('ImportProblem', { description: 'One problem (or warning) of a CSV import, by line and column.' })
export class ImportProblemType {
  @Field(() => Int, { nullable: true, description: 'The line of the file where the record starts (the header is line 1); null for a problem of the whole file.' })
  row!: number | null;

  @Field(() => String, { nullable: true, description: 'The column (as the file format names it), when the problem is in one field.' })
  column!: string | null;

  @Field(() => String, { description: 'What is wrong and how to fix it.' })
  message!: string;
}
