/**
 * docker/prometheus: the alert rules and the scrape config pass promtool (`check rules`, `check config`), and the
 * rules pass their unit tests (`promtool test rules docker/prometheus/alerts.test.yml`), in which every alert has a
 * case where it fires and one where it must not. Needs promtool (CI: apt-get install -y prometheus).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { requireBinary } from './support/find-binary';

const prometheusDir = resolve(__dirname, '..', '..', 'docker', 'prometheus');
const read = (name: string) => readFileSync(join(prometheusDir, name), 'utf8');

interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}
interface RuleTests {
  readonly rule_files: ReadonlyArray<string>;
  readonly tests: ReadonlyArray<{ readonly name: string; readonly alert_rule_test: ReadonlyArray<{ readonly alertname: string; readonly exp_alerts: ReadonlyArray<unknown> }> }>;
}

const rules = (parse(read('alerts.yml')) as { groups: ReadonlyArray<{ rules: ReadonlyArray<AlertRule> }> }).groups.flatMap((g) => g.rules);
const ruleTests = parse(read('alerts.test.yml')) as RuleTests;
const cases = ruleTests.tests.flatMap((t) => t.alert_rule_test);

const promtool = (args: ReadonlyArray<string>, cwd = prometheusDir) => {
  const result = spawnSync(requireBinary('promtool', 'apt-get install -y prometheus'), args, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

describe('Prometheus alert rules (docker/prometheus)', () => {
  let scratch = '';
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'promtool-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('promtool check rules accepts alerts.yml, with its 14 rules', () => {
    const result = promtool(['check', 'rules', 'alerts.yml']);
    expect(result).toEqual({ status: 0, output: expect.stringContaining('SUCCESS: 14 rules found') });
    expect(rules).toHaveLength(14);
  });

  test('promtool check config accepts prometheus.yml with its rule file and the token file it names', () => {
    // The token file exists only inside the container (a compose secret): point the copy at a local one.
    const secretPath = '/run/secrets/metrics_token';
    const config = read('prometheus.yml');
    expect(config).toContain(`credentials_file: ${secretPath}`);
    writeFileSync(join(scratch, 'metrics_token'), 'a-token');
    writeFileSync(join(scratch, 'prometheus.yml'), config.replace(secretPath, join(scratch, 'metrics_token')));
    copyFileSync(join(prometheusDir, 'alerts.yml'), join(scratch, 'alerts.yml'));
    const result = promtool(['check', 'config', 'prometheus.yml'], scratch);
    expect(result).toEqual({ status: 0, output: expect.stringContaining('SUCCESS: 14 rules found') });
  });

  test('promtool test rules passes every unit test of alerts.test.yml', () => {
    expect(ruleTests.rule_files).toEqual(['alerts.yml']);
    const result = promtool(['test', 'rules', 'alerts.test.yml']);
    expect(result).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  test('every alert has a unit test where it fires and one where it must not, and no test names an unknown alert', () => {
    const names = rules.map((r) => r.alert).sort();
    const firing = [...new Set(cases.filter((c) => c.exp_alerts.length > 0).map((c) => c.alertname))].sort();
    const silent = [...new Set(cases.filter((c) => c.exp_alerts.length === 0).map((c) => c.alertname))].sort();
    expect(firing).toEqual(names);
    expect(silent).toEqual(names);
  });

  test('every alert has a severity (critical or warning), a summary, a description and a pending period', () => {
    const malformed = rules.filter(
      (r) => !['critical', 'warning'].includes(r.labels['severity'] ?? '') || !r.annotations['summary'] || !r.annotations['description'] || r.for === undefined,
    );
    expect(malformed.map((r) => r.alert)).toEqual([]);
  });

  test('the unit tests catch a changed threshold: with the 5xx alert at 50 %, promtool test rules fails', () => {
    const rulesText = read('alerts.yml');
    const threshold = '          ) > 0.01\n';
    expect(rulesText.split(threshold)).toHaveLength(2);
    writeFileSync(join(scratch, 'alerts.yml'), rulesText.replace(threshold, '          ) > 0.5\n'));
    copyFileSync(join(prometheusDir, 'alerts.test.yml'), join(scratch, 'alerts.test.yml'));
    const result = promtool(['test', 'rules', 'alerts.test.yml'], scratch);
    expect(result.status).toBe(1);
    expect(result.output).toContain('alertname: HighServerErrorRatio');
  });
});
