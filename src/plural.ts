/** « 1 erreur », « 3 erreurs », « 1 234 avertissements »: a count as a French reader says it. */
export const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** « 1 erreur » or « n erreurs ». */
export const errorCount = (n: number): string => plural(n, 'erreur', 'erreurs');
