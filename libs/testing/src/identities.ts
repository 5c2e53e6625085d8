import { randomUUID } from 'node:crypto';
import { Role, type Identity } from '@pgov/auth';

/** An identity for tests: subject defaults to a fresh uuid (a grid worker's subject is their member id). */
export function identityOf(roles: Role | Role[], district: string, subject: string = randomUUID(), name = '测试用户'): Identity {
  return { subject, name, roles: Array.isArray(roles) ? roles : [roles], district };
}
