// "Avro: Check Compatibility with Registry": our engine's findings against the subject's versions at its level, and the registry's own verdict beside them, so a disagreement shows.
import type { RegistryBaseline } from '../../baselines/registry';
import type { RegistryCheckParams, RegistryCheckResult } from '../../protocol';
import type { ServerContext } from '../context';
import { INDEX_WAIT_MS } from '../diagnostics';
import type { RegistryFolder, RegistryFolders } from './folders';
import { displayName, referencesOf, resolvePlan, subjectOf } from './plan';
import { checkDocumentAgainstRegistry } from './registered';
import { describeFailure } from './register';

function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

export async function registryCheck(ctx: ServerContext, folders: RegistryFolders, liveBaseline: (folder: RegistryFolder) => RegistryBaseline, params: RegistryCheckParams, signal?: AbortSignal): Promise<RegistryCheckResult> {
  const failed = (error: string, extra: Partial<RegistryCheckResult> = {}): RegistryCheckResult => ({
    versions: [], findings: [], disagreement: false, markdown: `# Compatibility with the registry\n\n> ${md(error)}\n`, error, ...extra,
  });
  await ctx.whenIndexed(INDEX_WAIT_MS);
  const doc = ctx.models.get(params.uri);
  if (!doc) return failed(`${params.uri} is not a schema Avro Studio knows (open it, or check that it is not excluded or too large).`);
  const found = await folders.lookup(folders.folderOfDocument(params.uri));
  if (!found.ok) return failed(found.message);
  const folder = found.value;
  const name = displayName(folder, params.uri);
  const mapping = subjectOf(ctx, folder, doc).resolution;
  if (mapping.kind === 'unmapped') return failed(mapping.reason);
  const subject = mapping.subject;
  try {
    const baseline = liveBaseline(folder);
    const check = await checkDocumentAgainstRegistry(ctx, folder, baseline, params.uri, doc, signal);
    if (check.result.kind === 'unavailable') return failed(check.result.message, { subject });
    const target = check.target;
    const level = target?.level;
    if (!target || target.versions.length === 0) {
      const message = check.result.kind === 'none' ? check.result.message : `Subject ${subject} has no version yet.`;
      return { subject, level, versions: [], findings: [], disagreement: false, markdown: `# Compatibility of ${md(name)} with the registry\n\nSubject **${md(subject)}**: ${md(message)}\n` };
    }
    const checkedVersions = [...target.versions].reverse();
    const versions = level?.endsWith('_TRANSITIVE') ? checkedVersions : checkedVersions.slice(0, 1);
    const findings = check.report?.findings ?? [];
    if (!check.report) {
      return failed(`${name} has syntax errors or holds no schema: fix it to check it against the registry.`, { subject, level, versions });
    }

    let registry: RegistryCheckResult['registry'];
    let registryNote: string | undefined;
    if (level === 'NONE') {
      registryNote = 'Level NONE: the registry accepts any schema, so it was not asked.';
    } else {
      const plan = await resolvePlan(ctx, folder, folder.session.live, [params.uri], signal);
      const step = plan.steps.find(s => s.planned.uri === params.uri);
      const references = step ? referencesOf(step) : undefined;
      if (step && references) {
        const verdict = await folder.session.live.checkCompatibility(subject, step.text, { version: level?.endsWith('_TRANSITIVE') ? 'all' : 'latest', references, signal });
        registry = { isCompatible: verdict.isCompatible, messages: verdict.messages };
      } else {
        registryNote = plan.problems.length
          ? `The registry was not asked: ${plan.problems.map(p => p.message).join(' ')}`
          : 'The registry was not asked: a schema this one references is not registered in its current form yet (register it first).';
      }
    }
    const oursCompatible = findings.length === 0;
    const disagreement = registry !== undefined && registry.isCompatible !== oursCompatible;

    const lines: string[] = [check.report.markdown.replace(/^# Compatibility of (.*)$/m, '# Compatibility of $1 with the registry'), ''];
    lines.push(`## The registry's own verdict`, '');
    lines.push(`Subject **${md(subject)}**, level **${level}**, ${versions.length === 1 ? `version ${versions[0]}` : `versions ${versions.join(', ')}`}.`, '');
    if (registry) {
      lines.push(`The registry says: **${registry.isCompatible ? 'compatible' : 'incompatible'}** (\`POST /compatibility/subjects/${md(subject)}/versions${level?.endsWith('_TRANSITIVE') ? '' : '/latest'}?verbose=true\`).`, '');
      for (const m of registry.messages) lines.push(`- ${md(m)}`);
      if (registry.messages.length) lines.push('');
      if (disagreement) {
        lines.push(
          `> **Our check and the registry's disagree.** Avro Studio finds ${oursCompatible ? 'no breaking change' : `${findings.length} breaking change${findings.length === 1 ? '' : 's'}`}; the registry says ${registry.isCompatible ? 'compatible' : 'incompatible'}. The registry decides what it accepts; please report the schema pair so the engines can be brought in line.`,
          '',
        );
      } else {
        lines.push(`Our check and the registry agree.`, '');
      }
    } else if (registryNote) {
      lines.push(`> ${md(registryNote)}`, '');
    }
    const stale = folder.session.staleReason();
    if (stale) lines.push(`> The registry could not be read (${md(stale)}).`, '');
    return { subject, level, versions, findings, registry, disagreement, markdown: lines.join('\n') };
  } catch (err) {
    if (signal?.aborted) throw err;
    return failed(`Subject ${subject} could not be checked: ${describeFailure(err, false)}`, { subject });
  }
}
