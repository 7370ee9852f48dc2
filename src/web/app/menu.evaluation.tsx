import { RadarChartOutlined } from '@ant-design/icons';
import type { User } from '../api/types';
import type { MenuEntry } from './menu';
import { EVALUATION_STAFF } from './routes.evaluation';

// 企业评价 (issue #6): the models and runs page for office staff.
export function evaluationMenuEntries(user: User): MenuEntry[] {
  if (!(EVALUATION_STAFF as readonly string[]).includes(user.role)) return [];
  return [{ key: 'evaluation-models', path: '/evaluation/models', label: 'nav.evaluationModels', icon: <RadarChartOutlined /> }];
}
