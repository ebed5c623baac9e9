// The API's errors in Chinese. The API answers programs with a stable code, an English
// message and, for the mistakes a person can fix, a reason with its arguments; the page
// words each reason here, and falls back to a sentence per code. The English message is
// kept for a bug report, out of the way.

const FIELD_NAMES = {
  region: '地区', level: '层级', issuer: '发文机关', type: '文种', unit: '责任单位', kind: '段落类型',
  doc: '文件', year: '年份', year_from: '起始年份', year_to: '截止年份', q: '检索式', within: '结果中检索',
  page: '页码', size: '每页条数', prefix: '前缀', width: '宽度', limit: '条数', offset: '起点',
  status: '时效性', published_from: '公布日期起', published_to: '公布日期止', effective_from: '施行日期起', effective_to: '施行日期止',
  cites: '引用',
};

export function fieldName(f) {
  return FIELD_NAMES[f] || f;
}

// REASONS word a reason; a is its arguments.
const REASONS = {
  unclosed_quote: (a) => `引号没有闭合：请在短语末尾补上 ${a.quote || '”'}。`,
  empty_phrase: () => '引号里是空的：请在引号之间写上要逐字查找的词语。',
  query_empty: () => '检索式是空的：请输入词语，或用引号括起短语，如 "产教融合"。',
  query_too_long: (a) => `检索式太长：最多 ${a.max} 个字，请删去一些词语。`,
  only_excludes: () => '检索式只有排除项：请至少写上一个要查找的词语。',
  or_alone: () => 'OR 要写在两个词语或短语之间，如：双师型 OR 双师。',
  or_exclusion: () => 'OR 只能连接词语或短语，不能连接排除项（-词语）。',
  or_filter: (a) => `OR 不能连接筛选条件（${a.value}）。`,
  unknown_field: (a) => `没有“${a.field}”这个筛选字段；可用 region（地区）、level（层级）、issuer（发文机关）、year（年份）、type（文种）、unit（责任单位）。`,
  filter_no_value: (a) => `筛选条件 ${a.field}: 后面没有值，例如 ${a.example}。`,
  filter_one_value: (a) => `“${fieldName(a.field)}”一次只能选一个文件。`,
  filter_twice: (a) => `“${fieldName(a.field)}”在检索式和筛选条件里给了不同的值，请只保留一处。`,
  bad_year: (a) => `“${a.value}”不是有效的年份，例如 year:2020..2023。`,
  year_backwards: () => '年份范围前后颠倒了：请把较早的年份写在前面。',
  no_word: (a) => `“${a.value}”里没有可检索的词（标点会被忽略）；要逐字查找，请加引号。`,
  bad_level: (a) => `“${a.value}”不是层级；可选：国家、省、市、区县（或法律效力，如 法律、行政法规、地方性法规）。`,
  bad_kind: (a) => `“${a.value}”不是段落类型；可选：措施、正文、目标、导语、任务表、条款。`,
  bad_sort: (a) => `不认识排序方式“${a.value}”；可选：相关度、日期、命中次数。`,
  sort_needs_group: () => '“按命中次数”只能给文件排序：请先切换到“文件”视图。',
  bad_group: (a) => `不认识结果视图“${a.value}”；可选：段落、文件。`,
  bad_scope: (a) => `不认识检索范围“${a.value}”；可选：全文、标题。`,
  bad_page: (a) => `页码要在 1 到 ${a.max} 之间。`,
  bad_size: (a) => `每页条数要在 1 到 ${a.max} 之间。`,
  bad_number: (a) => `${fieldName(a.name)} 要填 ${a.min} 到 ${a.max} 之间的整数，而不是“${a.value}”。`,
  unknown_param: (a) => `地址里有不认识的参数“${a.name}”${a.near ? `（是不是 ${a.near}？）` : ''}。`,
  param_twice: (a) => `参数“${fieldName(a.name)}”出现了不止一次，请只给一次。`,
  bad_utf8: (a) => `${fieldName(a.field)}含有无法识别的字符（不是 UTF-8 文本）。`,
  filter_too_long: (a) => `${fieldName(a.field)}的值太长：最多 ${a.max} 个字。`,
  too_many_values: (a) => `${fieldName(a.field)}最多选 ${a.max} 个值。`,
  needs_paragraphs: () => '统计、上下文和导出按段落计算，请回到“段落”视图。',
  bad_region: (a) => `“${a.value}”不是行政区划${a.known ? `；已有的地区中与它最接近的是：${a.known}` : ''}。`,
  text_empty: () => '请先粘贴要查找先例的条款。',
  text_too_short: (a) => `文字太短：相同的措辞按至少 ${a.min} 个字的片段计算，请多粘贴一些。`,
  text_too_long: (a) => `文字太长：最多 ${a.max} 个字（一条条款或措施）。`,
  no_paragraph: (a) => `找不到段落 ${a.id}：它所在的文件可能已被更新或删除。`,
  no_document: (a) => `找不到文件 ${a.id}：它可能已被删除。`,
};

// CODES are the sentences for an error without a reason the page knows.
const CODES = {
  invalid: '请求有误，请检查检索式和筛选条件。',
  not_found: '找不到请求的内容，它可能已被删除。',
  unauthorized: '这项操作需要授权。',
  forbidden: '这台服务器不允许这项操作。',
  too_large: '请求或文件超过了大小限制。',
  unsupported: '不支持这种文件格式或编码。',
  too_many_requests: '操作过于频繁，请稍候再试。',
  unavailable: '检索服务暂时不可用（正在启动、关闭，或请求超时），请稍后再试。',
  internal: '服务器出错了；请稍后再试，或把下面的请求编号告诉管理员。',
  method_not_allowed: '这个地址不支持这种请求方式。',
  network: '无法连接检索服务：请检查网络，或确认服务器正在运行。',
};

// errorMessage is the Chinese sentence for an error.
export function errorMessage(err) {
  if (!err) return '';
  const say = err.reason && REASONS[err.reason];
  if (say) return say(err.args || {});
  if (CODES[err.code]) return CODES[err.code];
  return err.message ? String(err.message) : String(err);
}

// Atom feed links and the no-match notice use the same field names.
export function missMessage(m) {
  return `没有${fieldName(m.field)}为“${m.value}”的文件`;
}
