// Enterprise vocabulary shared by server and web (GLOSSARY: enterprise registry 科创企业名录库).

export const SECTORS = ['数字经济', '人工智能', '生命健康', '绿色低碳', '智能制造', '其他'] as const;
export type Sector = (typeof SECTORS)[number];

export const LISTING_STATUSES = ['unlisted', 'neeq_base', 'neeq_innovation', 'bse', 'star', 'main_board', 'chinext', 'n_board', 'overseas'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const KNOWN_CERTIFICATIONS = ['高新技术企业', '科技型中小企业', '专精特新', '小巨人', '创新型中小企业'] as const;

export const IP_KINDS = ['invention_patent', 'utility_model', 'design', 'software_copyright', 'ic_layout', 'plant_variety', 'trademark'] as const;
export const IP_STATUSES = ['pending', 'granted', 'expired', 'invalid'] as const;

export const ROUNDS = ['seed', 'angel', 'pre_a', 'a', 'a_plus', 'b', 'b_plus', 'c', 'c_plus', 'after_c', 'strategic', 'ipo', 'other'] as const;

/** Shanghai's 16 districts; the registry's `district` is one of these. */
export const SHANGHAI_DISTRICTS = [
  '黄浦区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区', '闵行区',
  '宝山区', '嘉定区', '浦东新区', '金山区', '松江区', '青浦区', '奉贤区', '崇明区',
] as const;

export const FINANCIAL_FIELDS = [
  'revenue', 'mainBusinessRevenue', 'highTechProductRevenue', 'rdExpense', 'totalCost',
  'netProfit', 'totalAssets', 'totalLiabilities',
] as const;
export const HEADCOUNT_FIELDS = ['employees', 'rdStaff'] as const;
