import type { ColumnType, Generated } from 'kysely';

// Kysely types for migrations 0015 (listing cultivation pool), 0016 (equity, linkage) and 0017 (service stations).
// Money is integer fen; dates are 'YYYY-MM-DD' strings.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type PoolTier = 'reserve' | 'cultivating' | 'tutoring' | 'filed' | 'listed' | 'exited';
export type TargetBoard = 'main_board' | 'chinext' | 'star' | 'bse' | 'neeq_innovation' | 'neeq_base' | 'n_board' | 'overseas';
export type ServiceKind = 'contact' | 'consulting' | 'training' | 'financing_matchmaking' | 'administrative_coordination';
export type ServiceMode = 'phone' | 'visit' | 'online' | 'meeting';
export type GreenChannelStatus = 'open' | 'in_progress' | 'done' | 'cancelled';
export type MilestoneKind = 'neeq_base_listing' | 'neeq_innovation_move' | 'neeq_innovation_direct' | 'n_board_listing' | 'ipo' | 'refinancing' | 'major_restructuring';
export type EquityRound = 'seed' | 'angel' | 'pre_a' | 'a' | 'a_plus' | 'b' | 'b_plus' | 'c' | 'c_plus' | 'after_c' | 'strategic' | 'other';
export type NeedVisibility = 'private' | 'all_funds' | 'selected_funds';
export type GuidanceParticipation = 'mother_fund' | 'participating' | 'direct';
export type ScreeningStage = 'recommendation' | 'initial_review' | 'investigation';
export type AssessmentEntryItem = 'attendance_absences' | 'responsiveness' | 'work_reports' | 'adopted_research' | 'cooperation_projects';

export interface ListingPoolTable {
  enterprise_id: string;
  tier: PoolTier;
  target_board: TargetBoard;
  entry_source: 'nomination' | 'readiness';
  entry_reason: string;
  readiness_evaluation_id: string | null;
  entered_on: string;
  tier_since: string;
  officer_user_id: string | null;
  exit_reason: string | null;
  nominated_by: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ListingTierChangeTable {
  id: Generated<string>;
  enterprise_id: string;
  from_tier: PoolTier | null;
  to_tier: PoolTier;
  changed_on: string;
  criteria: Json<string[]>;
  note: string | null;
  changed_by: string | null;
  created_at: CreatedAt;
}

export interface ListingServiceTable {
  id: Generated<string>;
  enterprise_id: string;
  officer_user_id: string;
  kind: ServiceKind;
  mode: ServiceMode;
  served_on: string;
  summary: string;
  follow_up_on: string | null;
  follow_up_done_on: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface WorkingCalendarTable {
  day: string;
  kind: 'holiday' | 'workday';
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface GreenChannelRequestTable {
  id: Generated<string>;
  request_no: string;
  enterprise_id: string;
  department: string;
  document: string;
  requested_on: string;
  working_days: number;
  due_on: string;
  status: GreenChannelStatus;
  handler_user_id: string | null;
  completed_on: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GreenChannelEventTable {
  id: Generated<string>;
  request_id: string;
  at: CreatedAt;
  actor_user_id: string | null;
  action: string;
  from_status: GreenChannelStatus | null;
  to_status: GreenChannelStatus;
  note: string | null;
}

export interface GreenChannelAlertTable {
  request_id: string;
  kind: 'due_soon' | 'due' | 'overdue';
  due_on: string;
  raised_on: string;
  raised_at: CreatedAt;
  acknowledged_by: string | null;
  acknowledged_at: Date | string | null;
}

export interface ListingMilestoneTable {
  id: Generated<string>;
  enterprise_id: string;
  kind: MilestoneKind;
  occurred_on: string;
  board: TargetBoard | null;
  amount: number | null;
  reference: string | null;
  note: string | null;
  created_by: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface EquityNeedTable {
  id: Generated<string>;
  enterprise_id: string;
  round: EquityRound;
  amount: number;
  use_of_funds: string;
  visibility: NeedVisibility;
  show_financials: ColumnType<boolean, boolean | undefined, boolean>;
  status: 'open' | 'closed';
  created_by: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EquityNeedFundTable {
  need_id: string;
  fund_org_id: string;
}

export interface FundInterestTable {
  id: Generated<string>;
  need_id: string;
  fund_org_id: string;
  note: string | null;
  status: 'expressed' | 'withdrawn';
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface InvestmentTable {
  id: Generated<string>;
  enterprise_id: string;
  fund_org_id: string | null;
  need_id: string | null;
  round: EquityRound;
  invested_on: string;
  amount: number;
  investors: string;
  guidance_participation: GuidanceParticipation | null;
  round_id: string;
  created_by: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface LoanLinkageTable {
  loan_id: string;
  investment_id: string | null;
  note: string | null;
  linked_by: string | null;
  linked_at: Timestamp;
}

export interface ServiceStationTable {
  id: Generated<string>;
  code: string;
  name: string;
  host: string;
  parks: Json<string[]>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface StationAreaTable {
  station_id: string;
  district: string;
  street: ColumnType<string, string | undefined, string>;
}

export interface StationOfficerTable {
  id: Generated<string>;
  station_id: string;
  name: string;
  phone: string | null;
  user_id: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface StationScreeningTable {
  id: Generated<string>;
  station_id: string;
  application_id: string;
  stage: ScreeningStage;
  done_on: string;
  officer_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface StationAssessmentEntryTable {
  station_id: string;
  year: number;
  item: AssessmentEntryItem;
  value: ColumnType<string, string | number, string | number>;
  note: string | null;
  entered_by: string | null;
  entered_at: Timestamp;
}

export interface ListingTables {
  listing_pool: ListingPoolTable;
  listing_tier_changes: ListingTierChangeTable;
  listing_services: ListingServiceTable;
  working_calendar: WorkingCalendarTable;
  green_channel_requests: GreenChannelRequestTable;
  green_channel_events: GreenChannelEventTable;
  green_channel_alerts: GreenChannelAlertTable;
  listing_milestones: ListingMilestoneTable;
  equity_needs: EquityNeedTable;
  equity_need_funds: EquityNeedFundTable;
  fund_interests: FundInterestTable;
  investments: InvestmentTable;
  loan_linkages: LoanLinkageTable;
  service_stations: ServiceStationTable;
  station_areas: StationAreaTable;
  station_officers: StationOfficerTable;
  station_screenings: StationScreeningTable;
  station_assessment_entries: StationAssessmentEntryTable;
}
