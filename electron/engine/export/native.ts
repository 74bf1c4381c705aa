// pdfkit (half a second to load), loaded with the first PDF rather than when the engine is imported.
import type PDFDocument from 'pdfkit';
import { lazyPackage } from '../../platform/lazyPackage.ts';

export const pdfLibrary = lazyPackage<typeof PDFDocument>('pdfkit');
