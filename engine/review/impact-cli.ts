import type { Change } from './diff.ts';
export async function cmdImpact(_a: string, _b: string, _c: Change[], _o: { data: string; out?: string; json: boolean; lang: 'it' | 'en' }): Promise<number> {
  return 2;
}
