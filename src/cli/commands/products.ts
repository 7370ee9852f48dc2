import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Database } from '../../server/db/connect';
import type { ActorContext } from '../../server/platform/principal';
import { importInstitutions, type CountedImportReport, type ImportOptions } from '../../server/modules/product/institutions.import';
import { importProducts } from '../../server/modules/product/products.import';
import { formatImportReport } from '../../server/platform/tabular';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';

type Importer = (db: Database, ctx: ActorContext, file: { filename: string; buffer: Buffer }, options: ImportOptions) => Promise<CountedImportReport>;

/** The `import` group is shared by every module's importer: reuse it when another module registered it first. */
function importGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import records from CSV or XLSX files');
}

/** `kcjr import institutions FILE` and `kcjr import products FILE` (issue #4), the same report as the enterprise import. */
export function registerProductCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  const imp = importGroup(program);
  const add = (name: string, description: string, run: Importer) =>
    imp
      .command(name)
      .description(description)
      .argument('<file>', 'CSV or XLSX file')
      .option('--dry-run', 'check the file and report, write nothing')
      .option('--skip-invalid', 'import the valid rows and report the invalid ones')
      .addOption(formatOption(['text', 'json'], 'text'))
      .action(async (file: string, opts: { dryRun?: boolean; skipInvalid?: boolean; format: string }) => {
        let buffer: Buffer;
        try {
          buffer = fs.readFileSync(file);
        } catch (err) {
          throw new UsageError(`<file>: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
        }
        const report = await withDatabase(io, (db) =>
          run(db, cliActor(), { filename: path.basename(file), buffer }, { dryRun: Boolean(opts.dryRun), skipInvalid: Boolean(opts.skipInvalid) }),
        );
        if (opts.format === 'json') io.out(`${JSON.stringify({ ok: report.ok, imported: report.imported, errors: report.errors })}\n`);
        else {
          io.out(formatImportReport(report));
          if (report.dryRun && report.ok) io.out('dry run: the file is valid; nothing was written\n');
          else if (!report.dryRun && report.imported > 0) io.out(`created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}\n`);
        }
        setExit(report.errors.length > 0 ? 2 : 0);
      });
  add('institutions', 'import institutions (code,name,kind; upsert by code); nothing is written unless every row is valid', importInstitutions);
  add('products', 'import products (code,name,type,owner_code,partner_codes; upsert by code); owners and partners must exist', importProducts);
}
