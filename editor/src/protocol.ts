// Messages between the page and the engine's Web Workers (engine.worker.ts: checks, examples, tables,
// compare; preview.worker.ts: the year on the sample data and the impact against the saved version).
import type { Diagnostic, Outline } from '../../engine/index.ts';
import type { GridTable } from './grids.ts';
import type { ReportJson } from '../../engine/index.ts';
import type { CompareResult, ExampleRow, Preview } from './live.ts';

export interface WorkerFile {
  id: string; // the scheme id (file name without .scheda)
  file: string; // the path shown in messages (relative to the rules folder)
  text: string;
}

export type WorkerRequest =
  | { op: 'check'; seq: number; files: WorkerFile[]; target: string } // target: the `file` of the open scheme
  | { op: 'format'; seq: number; text: string; file: string; lang?: 'it' | 'en' }
  | { op: 'compare'; seq: number; older: WorkerFile; newer: WorkerFile; lang: 'it' | 'en' };

export type WorkerResponse =
  | { op: 'check'; seq: number; diagnostics: Diagnostic[]; outline?: Outline; ms: number }
  // after each check: the open scheme's examples (none when it has errors) and its tables for the grid
  | { op: 'examples'; seq: number; examples: ExampleRow[]; tables: GridTable[]; ms: number }
  | { op: 'format'; seq: number; text?: string; diagnostics: Diagnostic[] }
  | { op: 'compare'; seq: number; result: CompareResult }
  | { op: 'error'; seq: number; message: string };

export type PreviewRequest =
  // the sample data of the open scheme's body and year, once per folder (null: there is none)
  | { op: 'data'; key: string; files: { name: string; base64: string }[] | null }
  // the open texts (`files`) and, for the impact, the saved ones
  | { op: 'preview'; seq: number; key: string; files: WorkerFile[]; saved: WorkerFile[]; target: string }
  // for the hover: a name's values on the sample data, from the last preview's run
  | { op: 'summary'; seq: number; name: string; lang: 'it' | 'en' };

export type PreviewResponse =
  | { op: 'preview'; seq: number; preview: Preview | null; reason?: string }
  | { op: 'summary'; seq: number; text?: string }
  | { op: 'error'; seq: number; message: string };

export type ReportRequest =
  | { op: 'data'; key: string; files: { name: string; base64: string }[] | null }
  | { op: 'report'; seq: number; key: string; files: WorkerFile[]; target: string };

export type ReportResponse = { op: 'report'; seq: number; report?: ReportJson; error?: string; ms?: number };
