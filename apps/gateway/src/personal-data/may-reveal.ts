/**
 * Whether a request's text may ask for a personal field whole (`reveal: true` on phone, idNumber,
 * petitioner*): each such read is audited as its own request, so it is never shared with another
 * in flight nor answered from, or kept in, the response cache. Deliberately coarse: any mention counts.
 */
export const mayReveal = (text: string): boolean => text.includes('reveal');
