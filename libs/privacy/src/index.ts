export { residentIdCheckChar, residentIdProblem, mobilePhoneProblem } from './resident-id';
export { maskIdNumber, maskPhone, maskName } from './mask';
export { readPersonal, type AuditSql, type PersonalRead } from './personal-read';
