export { residentIdCheckChar, residentIdProblem, mobilePhoneProblem } from './resident-id';
export { maskIdNumber, maskPhone, maskName } from './mask';
export { readPersonal, type AuditSql, type PersonalRead } from './personal-read';
export { SecretKey } from './secret-key';
export {
  createPersonalDataCipher,
  keyRingProblems,
  KEY_BYTES,
  KEY_ID_PATTERN,
  PersonalDataCipherError,
  type PersonalDataCipher,
  type PersonalDataKeyRing,
} from './personal-data-cipher';
export {
  generatePersonalDataKeyEnv,
  personalDataCipherOf,
  personalDataEnv,
  personalDataKeyProblems,
  type PersonalDataConfig,
} from './personal-data-keys';
export { loadConfigWithPersonalDataKeys } from './personal-data-config';
export { runEncryptionPass, type EncryptionPassResult, type EncryptionPassSteps } from './encryption-pass';
