import { parser } from '@prometheus-io/lezer-promql';

/** Grafana's interval macros (`$__rate_interval`) and dashboard variables (`$instance`) made plain PromQL. */
const withoutGrafanaVariables = (expr: string): string => expr.replace(/\$__\w+/g, '5m').replace(/\$\w+/g, 'x');

export interface QueryMetrics {
  /** Metric names of the query's vector selectors. */
  readonly names: ReadonlyArray<string>;
  readonly parses: boolean;
}

/** The metric names a PromQL query (or a Grafana one) selects, read from Prometheus' own PromQL grammar. */
export const metricNamesOf = (query: string): QueryMetrics => {
  const expr = withoutGrafanaVariables(query);
  const names: string[] = [];
  let parses = true;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) parses = false;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.push(expr.slice(node.from, node.to));
    },
  });
  return { names, parses };
};

/**
 * Every metric name a Prometheus text exposition declares (`# TYPE` lines, printed for each registered metric even
 * without samples), with the series names a histogram or summary exports.
 */
export const exportedSeriesNames = (exposition: string): ReadonlySet<string> =>
  new Set(
    [...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name = '', type]) =>
      type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : type === 'summary' ? [name, `${name}_sum`, `${name}_count`] : [name],
    ),
  );
