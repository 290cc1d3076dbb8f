import { Connection } from '../../common/graphql/connection.js';
import { User } from './user.entity.js';

/** A page of users (the users list, a partner's users). */
export const UserConnection = Connection(User);
