export { residentIdCheckChar, residentIdProblem, mobilePhoneProblem } from './resident-id';
export { maskIdNumber, maskPhone, maskName } from './mask';
