// The query mixes of the search benchmark: what an officer does in the registry screen. Each mix is a list
// of query strings that every connection cycles through, so one mix is not one cached plan of one value.

export interface Mix {
  name: string;
  description: string;
  /** Path and query after /api/v1/enterprises (the bare route takes the same query string). */
  paths: string[];
}

const qs = (params: Record<string, string | number>) => '?' + new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

export const MIXES: Mix[] = [
  {
    name: 'name-fragment',
    description: 'q= a two-character trade-name fragment, sorted by name, first page',
    paths: ['华芯', '云图', '博康', '智算', '海航', '启源'].map((q) => qs({ q })),
  },
  {
    name: 'sector',
    description: 'sector= each of the six sectors, sorted by name, first page',
    paths: ['数字经济', '人工智能', '生命健康', '绿色低碳', '智能制造', '其他'].map((sector) => qs({ sector })),
  },
  {
    name: 'certification',
    description: 'certification= 高新技术企业 / 专精特新 / 科技型中小企业 (valid today), sorted by name',
    paths: ['高新技术企业', '专精特新', '科技型中小企业'].map((certification) => qs({ certification })),
  },
  {
    name: 'newest-first',
    description: 'no filter, sort=-foundedOn (newest first), first page',
    paths: [qs({ sort: '-foundedOn' })],
  },
  {
    name: 'deep-page',
    description: 'no filter, sorted by name, pages 200–250 of 20 (offset 3,980–4,980)',
    paths: [200, 210, 220, 230, 240, 250].map((page) => qs({ page })),
  },
];

export interface QueryTiming {
  mix: string;
  /** The three queries searchEnterprises sends, each run alone: count(*), the page of rows, their certifications. */
  countMs: number;
  rowsMs: number;
  certificationsMs: number;
}

export interface ServerReady {
  type: 'ready';
  apiPort: number;
  barePort: number;
  cookie: string;
  setupSeconds: number;
  loadSeconds: number;
  queries: QueryTiming[];
}
