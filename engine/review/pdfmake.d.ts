// pdfmake ships no types; render.ts describes the part it uses (interface PdfMake).
declare module 'pdfmake';
