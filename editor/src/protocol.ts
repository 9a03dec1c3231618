// Messages between the page and the engine's Web Worker (engine.worker.ts).
import type { Diagnostic, Outline } from '../../engine/index.ts';

export interface WorkerFile {
  id: string; // the scheme id (file name without .scheda)
  file: string; // the path shown in messages (relative to the rules folder)
  text: string;
}

export type WorkerRequest =
  | { op: 'check'; seq: number; files: WorkerFile[]; target: string } // target: the `file` of the open scheme
  | { op: 'format'; seq: number; text: string; file: string; lang?: 'it' | 'en' };

export type WorkerResponse =
  | { op: 'check'; seq: number; diagnostics: Diagnostic[]; outline?: Outline; ms: number }
  | { op: 'format'; seq: number; text?: string; diagnostics: Diagnostic[] }
  | { op: 'error'; seq: number; message: string };
