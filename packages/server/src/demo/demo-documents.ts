import { templateDocuments } from '@zhida/templates';
import type { FastifyBaseLogger } from 'fastify';
import { TenantScope } from '../db/tenant-scope.js';
import type { DocumentModule } from '../documents/document-module.js';

/**
 * Imports the documents of a demo tenant's template (`packages/templates/<template>/documents/`)
 * through the same importer an admin's upload uses, each once: a file whose name the tenant
 * already has is left alone, so an admin's later versions or deletions stand until the data
 * directory is reset. A file the importer refuses is logged and the start-up carries on.
 * @returns how many documents were imported now
 */
export async function seedDemoDocuments(documents: DocumentModule, tenantId: string, template: string, log: FastifyBaseLogger): Promise<number> {
  const files = await templateDocuments(template);
  if (files.length === 0) return 0;
  const ctx = { tenantId };
  return TenantScope.asTenant(tenantId, async () => {
    const have = new Set((await documents.repository.list(ctx)).map((d) => d.source_name));
    let imported = 0;
    for (const file of files) {
      if (have.has(file.name)) continue;
      try {
        await documents.importer.importUpload(ctx, { data: file.data, filename: file.name, declaredMime: null, importedBy: null });
        imported++;
      } catch (err) {
        log.warn({ template, file: file.name, err: (err as Error).message }, 'demo document not imported');
      }
    }
    return imported;
  });
}
