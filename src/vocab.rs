//! The Chinese vocabulary dutyctl recognises, one table per concern, so a new variant is one line.

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Seq,
    /// The enclosing headings, in a flat table (章节: 一、… > （一）…).
    Section,
    /// A register's task id, in a flat table; ids are derived again on reading.
    Id,
    Task,
    Lead,
    /// A unit column that does not say whether it leads (责任单位, 主要责任单位).
    Units,
    Support,
    Persons,
    Leaders,
    Deadline,
    Notes,
    /// 完成情况, in a table returned with its progress filled in.
    Done,
    /// 存在问题: progress only beside a 完成情况 column (elsewhere it is the problem a task
    /// rectifies, 存在问题｜整改措施｜责任单位, and kept with the task's text).
    Problems,
    /// 下步计划.
    NextSteps,
    /// 角色 (牵头/配合) in one unit's table: derived from the unit columns, not read.
    Role,
}

/// Header names, matched after removing spaces. Earlier rows win, so specific names come first.
pub const COLUMN_HEADERS: &[(&str, Column)] = &[
    ("序号", Column::Seq),
    ("章节", Column::Section),
    ("所属章节", Column::Section),
    ("ID", Column::Id),
    ("编号", Column::Seq),
    ("项次", Column::Seq),
    ("No.", Column::Seq),
    ("NO.", Column::Seq),
    ("时间进度", Column::Deadline),
    ("牵头单位", Column::Lead),
    ("牵头部门", Column::Lead),
    ("牵头责任单位", Column::Lead),
    ("主办单位", Column::Lead),
    ("配合单位", Column::Support),
    ("配合部门", Column::Support),
    ("协办单位", Column::Support),
    ("协助单位", Column::Support),
    ("参与单位", Column::Support),
    ("主要责任单位", Column::Units),
    ("责任单位", Column::Units),
    ("责任部门", Column::Units),
    ("承办单位", Column::Units),
    ("具体责任人", Column::Persons),
    ("责任人", Column::Persons),
    ("市级责任领导", Column::Leaders),
    ("县级责任领导", Column::Leaders),
    ("区级责任领导", Column::Leaders),
    ("责任领导", Column::Leaders),
    ("分管领导", Column::Leaders),
    ("牵头领导", Column::Leaders),
    ("联系领导", Column::Leaders),
    ("包保领导", Column::Leaders),
    ("完成时限", Column::Deadline),
    ("完成时间", Column::Deadline),
    ("时间节点", Column::Deadline),
    ("时限要求", Column::Deadline),
    ("时限", Column::Deadline),
    ("备注", Column::Notes),
    ("完成情况", Column::Done),
    ("进展情况", Column::Done),
    ("工作进展", Column::Done),
    ("推进情况", Column::Done),
    ("落实情况", Column::Done),
    ("下步计划", Column::NextSteps),
    ("下一步计划", Column::NextSteps),
    ("下步工作计划", Column::NextSteps),
    ("下一步工作计划", Column::NextSteps),
    ("下步打算", Column::NextSteps),
    ("下一步打算", Column::NextSteps),
    ("角色", Column::Role),
    ("本单位角色", Column::Role),
    ("重点工作任务", Column::Task),
    ("主要工作任务", Column::Task),
    ("工作任务", Column::Task),
    ("重点任务", Column::Task),
    ("主要任务", Column::Task),
    ("具体任务", Column::Task),
    ("任务内容", Column::Task),
    ("工作内容", Column::Task),
    ("工作事项", Column::Task),
    ("工作措施", Column::Task),
    ("具体措施", Column::Task),
    ("目标任务", Column::Task),
    ("任务", Column::Task),
    ("事项", Column::Task),
    // A category over the tasks of its rows (类别, 项目类别); last, as `任务类别` names the task.
    ("类别", Column::Section),
    ("分类", Column::Section),
];

/// Headers of the 存在问题 column of progress, which name it only in a header that also has a
/// 完成情况 column (`Column::Done`); see `Column::Problems`.
pub const PROBLEMS_HEADERS: &[&str] = &["存在问题", "存在困难", "困难问题", "问题困难"];

/// A header cell's name as the lists hold it: without spaces, and without a bracket after it.
fn header_name(header: &str) -> String {
    header_name_within(header, usize::MAX).unwrap_or_default()
}

/// [`header_name`] where it has at most `max_chars` characters; reading stops past them, so a
/// long cell (a whole paragraph of flat text) costs no more than a header.
fn header_name_within(header: &str, max_chars: usize) -> Option<String> {
    let before_bracket = header.split(['（', '(']).next().unwrap_or("");
    let mut name = String::new();
    for (count, c) in before_bracket
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .enumerate()
    {
        if count == max_chars {
            return None;
        }
        name.push(c);
    }
    Some(name)
}

/// Characters of the longest name in [`COLUMN_HEADERS`] (a test holds it to the list): a name
/// longer than this and than [`SHORT_HEADER_CHARS`] names no column.
const LONGEST_COLUMN_HEADER_CHARS: usize = 7;

/// A header name at most this long may name a column by containing a listed name.
const SHORT_HEADER_CHARS: usize = 12;

/// Whether a header cell names the 存在问题 of progress (where a 完成情况 column stands beside it).
pub fn is_problems_header(header: &str) -> bool {
    PROBLEMS_HEADERS.contains(&header_name(header).as_str())
}

/// The column a header cell names: the whole name, or a short name that contains one
/// (牵头单位（部门） and 完成时限（2023年） name the same columns as without the bracket).
pub fn header_column(header: &str) -> Option<Column> {
    let name = header_name_within(header, LONGEST_COLUMN_HEADER_CHARS.max(SHORT_HEADER_CHARS))?;
    let name = name.as_str();
    // Headers are short; a long cell that mentions 工作任务 is a task, not a header.
    let short = name.chars().count() <= SHORT_HEADER_CHARS;
    COLUMN_HEADERS
        .iter()
        .find(|(h, _)| name == *h)
        .or_else(|| {
            COLUMN_HEADERS.iter().find(|(h, _)| {
                short && h.chars().count() >= 2 && crate::normalize::short_text_contains(name, h)
            })
        })
        .map(|(_, c)| *c)
        .or_else(|| header_role(name))
}

/// Words that give a header no list holds its role (存在问题｜整改目标和措施｜责任单位,
/// 重点工作｜工作要求｜牵头部门｜协同单位): the first word found in the header decides, so ranks
/// (牵头, 配合) come before what they rank (单位, 部门).
pub const HEADER_ROLE_WORDS: &[(&str, Column)] = &[
    ("序号", Column::Seq),
    ("编号", Column::Seq),
    // People first: `牵头县领导` names the leader who leads, not a leading unit.
    ("领导", Column::Leaders),
    ("责任人", Column::Persons),
    ("联系人", Column::Persons),
    ("姓名", Column::Persons),
    ("牵头", Column::Lead),
    ("主办", Column::Lead),
    ("主责", Column::Lead),
    ("配合", Column::Support),
    ("协办", Column::Support),
    ("协同", Column::Support),
    ("协助", Column::Support),
    ("参与", Column::Support),
    ("协作", Column::Support),
    ("时限", Column::Deadline),
    ("期限", Column::Deadline),
    ("节点", Column::Deadline),
    ("时间", Column::Deadline),
    ("时间安排", Column::Deadline),
    ("进度安排", Column::Deadline),
    ("单位", Column::Units),
    ("部门", Column::Units),
    ("科室", Column::Units),
    ("处室", Column::Units),
    ("股室", Column::Units),
    ("站所", Column::Units),
    ("主体", Column::Units),
    ("措施", Column::Task),
    ("举措", Column::Task),
    ("任务", Column::Task),
    ("内容", Column::Task),
    ("事项", Column::Task),
    ("名称", Column::Task),
    ("工作", Column::Task),
    ("要求", Column::Task),
];

/// A word of a header that says the table divides work among leaders (`分管工作`, `分管部门`):
/// there a column of names (`姓名`) holds the leaders.
pub const LEADER_SHARE_HEADER_WORD: &str = "分管";

/// How a header cell ends when it names a column by a role word (措施, 单位 …): group names
/// printed as data (各部门, 有关单位) begin with these instead.
const GROUP_PREFIXES: &[&str] = &["各", "有关", "相关", "其他"];

/// A short header's role from its words, when it ends in a role word and is not a group name.
fn header_role(name: &str) -> Option<Column> {
    let len = name.chars().count();
    if !(2..=10).contains(&len)
        || GROUP_PREFIXES.iter().any(|p| name.starts_with(p))
        || !HEADER_ROLE_WORDS.iter().any(|(w, _)| name.ends_with(w))
        || name.contains(['，', '。', '；', '、', ',', ';'])
    {
        return None;
    }
    HEADER_ROLE_WORDS
        .iter()
        .find(|(w, _)| crate::normalize::short_text_contains(name, w))
        .map(|(_, c)| *c)
}

/// Labels of `KEY：VALUE` assignment lines inside an outline task (牵头单位：…；责任单位：…).
/// `Units` keys rank nobody (责任单位): their units support unless the document says the first
/// unit listed leads; `Support` keys (配合单位) make them support whatever it says.
pub const ASSIGNMENT_LINE_KEYS: &[(&str, Column)] = &[
    ("牵头单位", Column::Lead),
    ("牵头部门", Column::Lead),
    ("牵头责任单位", Column::Lead),
    ("配合单位", Column::Support),
    ("配合部门", Column::Support),
    ("协办单位", Column::Support),
    ("参与单位", Column::Support),
    ("责任单位", Column::Units),
    ("责任部门", Column::Units),
    ("主要责任单位", Column::Units),
    ("责任人", Column::Persons),
    ("具体责任人", Column::Persons),
    ("责任领导", Column::Leaders),
    ("分管领导", Column::Leaders),
    ("牵头领导", Column::Leaders),
    ("县级领导", Column::Leaders),
    ("市级领导", Column::Leaders),
    ("区级领导", Column::Leaders),
    ("县领导", Column::Leaders),
    ("市领导", Column::Leaders),
    ("区领导", Column::Leaders),
    ("包联领导", Column::Leaders),
    ("联系领导", Column::Leaders),
    ("挂点领导", Column::Leaders),
    ("主办单位", Column::Lead),
    ("承办单位", Column::Units),
    ("协助单位", Column::Support),
    ("完成时限", Column::Deadline),
    ("完成时间", Column::Deadline),
    ("时间节点", Column::Deadline),
    ("时限要求", Column::Deadline),
    ("完成期限", Column::Deadline),
    ("时间要求", Column::Deadline),
    ("办结时限", Column::Deadline),
    ("截止时间", Column::Deadline),
    ("推进时限", Column::Deadline),
    ("时间进度", Column::Deadline),
    ("负责部门", Column::Units),
    ("负责单位", Column::Units),
    ("实施单位", Column::Units),
    ("责任处室", Column::Units),
    ("协同单位", Column::Support),
    ("协同部门", Column::Support),
    ("主责单位", Column::Lead),
    ("主责部门", Column::Lead),
    ("主办部门", Column::Lead),
    ("牵头处室", Column::Lead),
    ("牵头科室", Column::Lead),
    ("落实单位", Column::Units),
    ("落实部门", Column::Units),
    ("执行单位", Column::Units),
    ("承办部门", Column::Units),
    ("协办部门", Column::Support),
    ("参与部门", Column::Support),
    ("协助部门", Column::Support),
    ("实施部门", Column::Units),
    ("配合处室", Column::Support),
    ("配合科室", Column::Support),
    ("责任科室", Column::Units),
    ("责任主体", Column::Units),
    ("包抓领导", Column::Leaders),
    ("包保领导", Column::Leaders),
    ("督导领导", Column::Leaders),
    ("挂钩领导", Column::Leaders),
    ("主管领导", Column::Leaders),
    ("协调领导", Column::Leaders),
    ("具体负责单位", Column::Units),
    ("具体责任单位", Column::Units),
    ("责任股室", Column::Units),
    ("牵头股室", Column::Lead),
    ("配合股室", Column::Support),
    ("直接责任人", Column::Persons),
    // A town's offices are its 站所 (镇农业服务中心, 镇司法所); a leader may carry a case (包案).
    ("责任站所", Column::Units),
    ("牵头站所", Column::Lead),
    ("配合站所", Column::Support),
    ("包案领导", Column::Leaders),
    ("督办领导", Column::Leaders),
    ("协作单位", Column::Support),
    ("协作部门", Column::Support),
    ("配合责任单位", Column::Support),
    ("配合责任部门", Column::Support),
    // Keys that name no unit but end the value before them (负责部门：A、B；适用范围：…).
    ("适用范围", Column::Notes),
    ("实施范围", Column::Notes),
];

/// Short keys read only beside a key of [`ASSIGNMENT_LINE_KEYS`] in the same run
/// (`责任单位：县住建局。时间：2025年6月底前`, `（时限：6月底；责任人：张某）`): alone, `时间：` heads
/// anything (会议时间：…).
pub const FOLLOWING_ASSIGNMENT_KEYS: &[(&str, Column)] =
    &[("时间", Column::Deadline), ("时限", Column::Deadline)];

/// Role words used as keys (`牵头：市教育局 配合：市人社局`): read only where the word stands
/// alone, at the start or after a space, stop or bracket, as inside a name or a sentence
/// (`由市教育局牵头：`) they are not keys.
pub const BARE_ROLE_KEYS: &[(&str, Column)] = &[
    ("牵头", Column::Lead),
    ("主办", Column::Lead),
    ("配合", Column::Support),
    ("协办", Column::Support),
    ("责任", Column::Units),
    ("具体负责", Column::Units),
];

/// Headings whose numbered items are preamble, schedule or closing remarks rather than tasks
/// (FORMAT.md): matched against the heading text without its number.
pub const NON_TASK_HEADINGS: &[&str] = &[
    "总体要求",
    "指导思想",
    "基本原则",
    "总体目标",
    "主要目标",
    "工作目标",
    "发展目标",
    "目标任务",
    "目标要求",
    "工作原则",
    "进度安排",
    "实施步骤",
    "时间安排",
    "工作步骤",
    "步骤安排",
    "方法步骤",
    "保障措施",
    "工作要求",
    "有关要求",
    "相关要求",
    "组织机构",
    "组织保障",
    // A rule's general and closing articles (its purpose, when it takes effect).
    "总则",
    "附则",
];

/// Endings that make a short heading one of the kinds above (`创建目标`, `整治原则`, `纪律要求`),
/// for headings of at most [`NON_TASK_HEADING_ENDING_MAX_CHARS`] characters.
pub const NON_TASK_HEADING_ENDINGS: &[&str] = &["目标", "原则", "思想", "步骤", "要求"];
pub const NON_TASK_HEADING_ENDING_MAX_CHARS: usize = 6;

/// Verbs that open what a leader or a unit does about another (`分管镇财政所`, `联系县人武部`):
/// a name after them is no unit carrying the task.
pub const OVERSIGHT_VERBS: &[&str] = &[
    "分管", "负责", "联系", "协助", "配合", "牵头", "主管", "指导",
];

/// Endings of government bodies: only these inherit a list's level prefix (市发改局、工信局 → 市工信局).
pub const GOV_BODY_SUFFIXES: &[&str] = &[
    "局", "委", "办", "部", "厅", "队", "院", "所", "站", "中心", "室", "会", "处", "署", "馆",
    "庭", "科", "联", "协",
];

/// Words of a bracketed note on the part a unit takes (区卫健局（牵头医疗板块）), not its name.
pub const SCOPE_NOTE_WORDS: &[&str] = &[
    "牵头", "负责", "配合", "参与", "协助", "板块", "方面", "含", "包括", "除外",
];

/// Endings of bodies that are not government departments but are bound by duties all the same.
pub const COMPANY_SUFFIXES: &[&str] = &["公司", "集团", "银行", "支行", "海关", "协会", "学校"];

/// Endings of a unit or person named alone on a line of a table cell, besides
/// [`GOV_BODY_SUFFIXES`] and [`COMPANY_SUFFIXES`]: a cell of units one per line ends a line with
/// one, where the cell's width never breaks a line (PDF cells print both the same).
pub const UNIT_LINE_ENDINGS: &[&str] = &["政府", "负责人", "乡镇", "街道", "社区"];

/// Beginnings of a unit named on a line of its own in a table cell, besides [`LEVEL_PREFIXES`].
pub const UNIT_LINE_STARTS: &[&str] = &["各", "相关", "有关"];

/// Administrative level prefixes a list passes on to its abbreviated members.
pub const LEVEL_PREFIXES: &[&str] = &["市", "区", "县", "省", "州", "旗", "镇", "乡"];

/// Words that begin with a level prefix character without being one (市场监管局 is not 市+场监管局).
/// 市民 and 市政 are not here: 市民政局 and 市政府办公室 are far commoner than 市民…/市政… bodies.
pub const NOT_A_PREFIX: &[&str] = &["市场", "市容", "区域", "县域", "省内"];

/// Kinds of area that share a list's 各 (各区、县级市 is 各区 and 各县级市).
pub const AREA_KINDS: &[&str] = &[
    "区",
    "县",
    "市",
    "县级市",
    "县区",
    "县市区",
    "区县",
    "乡",
    "镇",
    "乡镇",
    "街道",
    "村",
    "社区",
    "开发区",
    "园区",
    "省",
    "自治区",
    "州",
    "盟",
    "旗",
];

/// The kinds of area from the highest level down: `各村、镇环保所` is each village and the town's
/// 环保所, since a town governs its villages, while `各区、县公安局` shares 各 between peers.
pub const AREA_KIND_LEVELS: &[&[&str]] = &[
    &["省", "自治区"],
    &["州", "盟"],
    &[
        "市",
        "区",
        "县",
        "县级市",
        "县区",
        "县市区",
        "区县",
        "旗",
        "开发区",
        "园区",
    ],
    &["乡", "镇", "乡镇", "街道"],
    &["村", "社区"],
];

/// Joins nested headings in a 章节 column.
pub const SECTION_SEPARATOR: &str = " > ";

/// Trailing groups that are not units (等部门, 有关部门 …), longest first.
pub const GENERIC_TAILS: &[&str] = &[
    "等有关部门和单位",
    "等有关单位",
    "等有关部门",
    "等相关部门",
    "等相关单位",
    "会同有关部门",
    "等部门",
    "等单位",
    "等",
];

/// Entries that name no one in particular and are dropped from unit lists.
pub const GENERIC_UNITS: &[&str] = &[
    "有关部门",
    "相关部门",
    "有关单位",
    "相关单位",
    "其他有关部门",
    "其他相关部门",
    "其他有关单位",
    "其他相关单位",
    "其他成员单位",
    "其他部门",
    "其他单位",
    "有关方面",
    "有关部门和单位",
];

/// Verbs that close an assignment clause, and the role they give the units before them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseRole {
    Lead,
    Support,
    /// 负责: support, unless a later clause says others 配合, which makes these the lead.
    Responsible,
}

/// Verbs that, ending a clause of a unit list, make the list a phrase that ranks its units
/// (`县应急局牵头，县公安局配合` in a 责任单位 cell).
pub const RANKING_VERBS: &[&str] = &["牵头", "配合", "协助", "负责", "参与"];

pub const CLAUSE_VERBS: &[(&str, ClauseRole)] = &[
    ("分别牵头", ClauseRole::Lead),
    ("共同牵头", ClauseRole::Lead),
    ("牵头组织", ClauseRole::Lead),
    ("牵头抓总", ClauseRole::Lead),
    ("牵头推进", ClauseRole::Lead),
    ("牵头实施", ClauseRole::Lead),
    ("牵头负责", ClauseRole::Lead),
    // `A负总责，B、C按职责分工负责`: A answers for the whole, which is leading it.
    ("牵头负总责", ClauseRole::Lead),
    ("负总责", ClauseRole::Lead),
    ("牵头", ClauseRole::Lead),
    // `B、C配合实施`: the action after a supporting verb is the work they support.
    ("配合实施", ClauseRole::Support),
    ("协助实施", ClauseRole::Support),
    ("参与实施", ClauseRole::Support),
    ("配合推进", ClauseRole::Support),
    ("配合", ClauseRole::Support),
    ("协助", ClauseRole::Support),
    ("协办", ClauseRole::Support),
    ("参与", ClauseRole::Support),
    ("按职责分工负责", ClauseRole::Responsible),
    ("按职能职责负责", ClauseRole::Responsible),
    ("按职责负责", ClauseRole::Responsible),
    ("分工负责", ClauseRole::Responsible),
    ("按职责分工落实", ClauseRole::Responsible),
    ("负责落实", ClauseRole::Responsible),
    ("抓好落实", ClauseRole::Responsible),
    ("组织落实", ClauseRole::Responsible),
    ("推动落实", ClauseRole::Responsible),
    ("负责指导", ClauseRole::Responsible),
    ("负责督导", ClauseRole::Responsible),
    ("负责", ClauseRole::Responsible),
    ("落实", ClauseRole::Responsible),
    // 'A指导' alone ranks nobody; 'A指导，B参与' makes A lead (FORMAT.md).
    ("指导", ClauseRole::Responsible),
    // `各乡镇负责，县农业农村局督导`: the unit overseeing is named, ranked as one that guides.
    ("督导", ClauseRole::Responsible),
];

/// Verbs that close an assignment clause only after units (`县发改局组织实施`, `县司法局统筹`):
/// they close clauses about anything else too (`试点先行实施`), so every name before them must
/// be a unit's. Longest first where one ends another.
pub const UNIT_CLAUSE_VERBS: &[(&str, ClauseRole)] = &[
    ("统筹协调", ClauseRole::Lead),
    ("统筹推进", ClauseRole::Lead),
    ("统筹", ClauseRole::Lead),
    ("主抓", ClauseRole::Lead),
    ("主责", ClauseRole::Lead),
    ("主办", ClauseRole::Lead),
    ("协同", ClauseRole::Support),
    ("组织实施", ClauseRole::Responsible),
    ("实施", ClauseRole::Responsible),
    ("推进", ClauseRole::Responsible),
    ("承办", ClauseRole::Responsible),
    ("承担", ClauseRole::Responsible),
];

/// Clause verbs that urge the work on more than they give it (`各乡镇抓好落实`): a sentence of
/// prose assigns with them only beside a clause of another verb (`A负总责，B抓好落实`).
pub const FOLLOWING_CLAUSE_VERBS: &[&str] = &["抓好落实", "组织落实", "推动落实"];

/// `A为牵头单位`, `B、C作为配合单位`: a copula, then the name of the role the units before it take.
pub const ROLE_COPULAS: &[&str] = &["作为", "为", "是"];
pub const ROLE_NOUNS: &[(&str, ClauseRole)] = &[
    ("牵头单位", ClauseRole::Lead),
    ("牵头部门", ClauseRole::Lead),
    ("主责单位", ClauseRole::Lead),
    ("主责部门", ClauseRole::Lead),
    ("配合单位", ClauseRole::Support),
    ("配合部门", ClauseRole::Support),
    ("协办单位", ClauseRole::Support),
    ("参与单位", ClauseRole::Support),
    ("责任单位", ClauseRole::Responsible),
    ("责任部门", ClauseRole::Responsible),
    ("责任主体", ClauseRole::Responsible),
];

/// `以A为主，B配合`: A leads, printed between these two.
pub const LEAD_FRAME: (&str, &str) = ("以", "为主");

/// Words of manner that may stand between the units and a clause's verb (`B、C协同配合`,
/// `B密切配合`, `C共同参与`); longest first where one ends another.
pub const CLAUSE_VERB_ADVERBS: &[&str] = &[
    "积极",
    "协同",
    "协助",
    "密切",
    "主动",
    "全力",
    "共同",
    "具体",
    "全面",
    "认真",
    "分别",
    // `各成员单位按职责配合`: the manner of the work, no part of the name.
    "按照职责分工",
    "按职责分工",
    "按照职责",
    "按职责",
    "根据职责",
];

/// Starts of a clause that carries a unit forward to every later task (以下均需要X负责，不再列出).
/// Words a measure's own title opens with (`加快…`, `依法淘汰…`): where a heading run into its
/// first measure (`优化种植布局加快节水改造。`, text flattened onto one line) is split.
/// Words that also end a heading (治理, 防治, 控制, 建设) are left out on purpose.
pub const MEASURE_OPENERS: &[&str] = &[
    "加快", "加强", "强化", "积极", "依法", "合理", "实施", "建立", "健全", "完善", "防范", "研究",
    "规范", "引导", "提高", "取缔", "推动", "开展", "落实", "深化", "严格", "切实", "全面", "稳步",
    "大力", "探索", "着力", "扎实", "有序", "逐步", "持续", "明确", "制定", "编制", "组织", "统筹",
];

/// Words a party addressed by a sentence ends with (`重点排污单位应…`, `各乡镇要…`): the subject
/// of a sentence that tells a party what it must do within a measure, rather than opening one.
pub const ADDRESSEE_ENDINGS: &[&str] = &[
    "单位", "部门", "企业", "机构", "乡镇", "街道", "政府", "社区", "公司",
];

/// Levels of place a group names all of (`各村`, `各社区`, `各县（市、区）`), as assignments
/// name them beside units.
pub const GROUP_PLACE_LEVELS: &[&str] = &["村", "社区", "乡", "镇", "县", "区", "市", "园区"];

/// Modal words that follow an addressed party (`…单位应`, `…企业要`, `…部门须`).
pub const ADDRESSEE_MODALS: &[&str] = &["应当", "必须", "应", "要", "须"];

/// Words that begin with a modal's character but say no "must" (`单位应急预案`, `部门要素`).
pub const MODAL_LOOKALIKES: &[&str] = &["应急", "应用", "应对", "要素", "要求", "要点", "须知"];

/// Words that open a clause naming who acts (`由区环保局牵头`, `并由各乡镇负责`, `责成县城管局牵头`, `明确区环保局为牵头
/// 单位`), not its unit.
pub const AGENT_MARKERS: &[&str] = &["并由", "由", "责成", "明确", "确定"];

/// What a topic before 由 names (`此项工作由县交通局牵头`, `上述任务由…`): the work, never a unit.
pub const AGENT_TOPICS: &[&str] = &[
    "工作", "任务", "事项", "项目", "措施", "办法", "方案", "规定", "细则",
];

/// Words of manner just before 由 (`具体由县市场监管局负责`, `此项工作统一由…`): how the work is
/// given, never part of a unit's name.
pub const AGENT_MANNERS: &[&str] = &[
    "具体",
    "统一",
    "分别",
    "均",
    "主要",
    "全部",
    "继续",
    "仍",
    "一律",
    "原则上",
];

/// What a unit "负责" in a rule's closing article (`本办法由县水利局负责解释`): who reads the rule,
/// not a task it carries.
pub const INTERPRETING_DUTY: &str = "解释";

/// Words a unit's duty opens with (`各街道办事处：负责…`), which a salutation (`各街道：现将…`) lacks.
pub const DUTY_OPENERS: &[&str] = &["负责", "承担", "牵头", "配合", "协助", "指导"];

pub const STANDING_NOTE_MARKERS: &[&str] = &["以下均需要", "以下均由", "以下均需", "下同"];

/// Person cells: a line that starts with one of these finishes the line before it
/// (各乡镇街道 / 主要负责人 is one entry).
pub const PERSON_FRAGMENTS: &[&str] = &[
    "主要负责人",
    "负责人",
    "主要负责同志",
    "负责同志",
    "主要领导",
    "分管领导",
];

/// Posts that precede a leader's name in leader-division notices (副区长李先勇分管…).
pub const LEADER_POSTS: &[&str] = &[
    "常务副区长",
    "常务副市长",
    "常务副县长",
    "常务副镇长",
    "常务副乡长",
    "副区长",
    "副市长",
    "副县长",
    "副州长",
    "副旗长",
    "副省长",
    "副镇长",
    "副乡长",
    "区长",
    "市长",
    "县长",
    "州长",
    "旗长",
    "省长",
    "镇长",
    "乡长",
    "党组成员",
    "秘书长",
    "副书记",
    "书记",
    "常委",
    "常务副主任",
    "副主任",
    "主任",
    "副主席",
    "主席",
    "副组长",
    "组长",
    "链长",
];

/// Verbs that follow a leader's name in a division of work.
pub const LEADER_VERBS: &[&str] = &[
    "负责", "分管", "对", "主持", "协助", "联系", "牵头", "兼管", "统筹", "：", ":",
];

/// Common Chinese surnames (compound ones first), so that a post followed by an ordinary word
/// (区长或者分管…) is not read as a name.
/// Endings of posts below the leaders' (`局长`, `科长`), printed after a person's name.
pub const PERSON_POST_ENDINGS: &[&str] = &[
    "局长", "部长", "科长", "所长", "队长", "站长", "院长", "校长",
];

pub const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯",
];
pub const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池乐匡麻郁由迟";

/// Title endings of 公文 (通知, 方案 …), used to find the document title.
pub const TITLE_ENDINGS: &[&str] = &[
    "通知",
    "方案",
    "意见",
    "办法",
    "规定",
    "清单",
    "分解表",
    "计划",
    "决定",
    "通报",
    "报告",
    "要点",
    "细则",
    "规划",
    "责任书",
    "实施方案",
    "工作方案",
    "任务分工",
    "任务分解",
    "分工",
    "责任分解",
    "分工表",
    "责任表",
    "一览表",
    "职责",
    "函",
];

/// Last words of less common kinds of 公文 title (重点工作任务, 工作安排, 若干措施, 工作台账, 会议纪要,
/// 应急预案, 百日攻坚行动, and every …表). A portal's menu has short items ending so (通知公告,
/// 办事指南, 规章制度), so a title ending in one is read only when it is longer than those.
pub const LONG_TITLE_ENDINGS: &[&str] = &[
    "任务",
    "安排",
    "措施",
    "台账",
    "纪要",
    "批复",
    "公告",
    "预案",
    "制度",
    "规则",
    "指引",
    "指南",
    "事项",
    "条例",
    "决议",
    "行动",
    "表",
    "重点工作",
    "工作重点",
    "实事",
    "项目",
    "工程",
    "举措",
];

/// Endings of an issuing body's name on the signature line.
pub const ISSUER_ENDINGS: &[&str] = &[
    "人民政府",
    "管委会",
    "领导小组",
    "指挥部",
    "办公室",
    "委员会",
    "政府",
    "局",
    "办",
    "厅",
    "委",
];

/// Periods of a month or year a time limit may name after its date (`2024年6月底前`,
/// `2023年第四季度前`); none opens another, so at most one stands at a place.
pub const DEADLINE_PERIODS: &[&str] = &[
    "上旬",
    "中旬",
    "下旬",
    "月底",
    "底",
    "末",
    "初",
    "年底",
    "年末",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "第1季度",
    "第2季度",
    "第3季度",
    "第4季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "上半年",
    "下半年",
];

/// Words for "before" that end a time limit (`2022年底前`, `6月30日之前`).
pub const DEADLINE_BEFORE: &[&str] = &["前", "之前", "以前"];

/// Headings of a duty list end with this (市长职责).
pub const DUTY_HEADING_ENDING: &str = "职责";

/// Words between a post and 职责 that are not part of the post (市长的安全生产职责).
pub const DUTY_HEADING_FILLERS: &[&str] = &["安全生产", "主要", "工作", "的"];

/// Lines that end the body: distribution lists and attachments.
pub const CLOSING_MARKERS: &[&str] = &["抄送", "抄报", "附件", "主题词", "印发"];

/// The closing formula of a notice on a line of its own (`特此通知。`, `特此函告`): it opens
/// with this and is at most [`CLOSING_FORMULA_MAX_CHARS`] long.
pub const CLOSING_FORMULA_OPENER: &str = "特此";
pub const CLOSING_FORMULA_MAX_CHARS: usize = 6;

/// A note that the first unit listed leads (每项任务排第一的单位为牵头单位, 排名第一位的是牵头部门):
/// One of [`FIRST_LEADS_ORDINALS`], then each optional in turn a counter, 的 and a unit word, at most
/// [`FIRST_LEADS_GAP_CHARS`].0 more characters, a copula, at most `.1` more, and
/// [`ROLE_LEAD`], all inside one clause (no [`FIRST_LEADS_CLAUSE_ENDS`] between).
pub const FIRST_LEADS_ORDINALS: &[&str] = &["第一", "首位", "首个"];
pub const FIRST_LEADS_COUNTERS: &[char] = &['位', '个', '名'];
pub const FIRST_LEADS_POSSESSIVE: char = '的';
pub const FIRST_LEADS_UNIT_WORDS: &[&str] = &["部门", "单位"];
pub const FIRST_LEADS_COPULAS: &[char] = &['为', '是'];
pub const FIRST_LEADS_GAP_CHARS: (usize, usize) = (6, 4);
pub const FIRST_LEADS_CLAUSE_ENDS: &[char] = &['，', '。', '；', ',', ';'];

/// Symbols a table or list prints beside a unit's name to mark it (`县交通局*`, `★县公安局`). They
/// are no part of the name; a legend (`带*的为牵头单位`, `★表示牵头单位`) may say the marked unit leads.
pub const UNIT_MARKS: &[char] = &['*', '＊', '★', '☆', '▲', '△', '※'];
/// A legend names [`ROLE_LEAD`] within this many characters after its mark, in one clause.
pub const UNIT_MARK_LEGEND_GAP_CHARS: usize = 8;

/// Glyphs that open an item of a list printed without numbers (`★推行…`, `● 深化…`).
pub const LIST_BULLETS: &[char] = &[
    '★', '☆', '●', '○', '◆', '◇', '■', '□', '▲', '△', '►', '▶', '•', '◎', '❖', '➢', '✓', '√',
];

/// Says that a rule printed once applies to what follows (排第一的为牵头单位，下同).
pub const CARRIED_FORWARD: &str = "下同";

/// Standard short forms of department names (short, full). Longest short forms first, so that
/// 文旅广体 is expanded before 文旅. Used to recognise that two printed names are one unit.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("文旅广体", "文化旅游广电体育"),
    ("文广旅", "文化广电和旅游"),
    ("文广新", "文化广电新闻出版"),
    ("科工信", "科技和工业信息化"),
    ("市场监管", "市场监督管理"),
    ("政数", "政务服务和数据管理"),
    ("退役军人", "退役军人事务"),
    ("综合执法", "综合行政执法"),
    ("行政审批", "行政审批服务"),
    ("消安委", "消防安全委员会"),
    ("安委办", "安全生产委员会办公室"),
    ("安委会", "安全生产委员会"),
    ("减灾委", "减灾委员会"),
    ("网信办", "网络安全和信息化委员会办公室"),
    ("外事办", "外事办公室"),
    ("政法委", "政法委员会"),
    ("编办", "机构编制委员会办公室"),
    ("国资委", "国有资产监督管理委员会"),
    ("国资", "国有资产监督管理"),
    ("防指", "防汛抗旱指挥部"),
    ("供销社", "供销合作社"),
    ("发改", "发展和改革"),
    ("住建", "住房和城乡建设"),
    ("工信", "工业和信息化"),
    ("人社", "人力资源和社会保障"),
    ("卫健", "卫生健康"),
    ("卫计", "卫生和计划生育"),
    ("文旅", "文化和旅游"),
    ("教体", "教育和体育"),
    ("科技", "科学技术"),
    ("应急", "应急管理"),
    ("交通", "交通运输"),
    ("城管", "城市管理"),
    ("人防", "人民防空"),
    ("民宗", "民族宗教事务"),
    ("医保", "医疗保障"),
    ("林草", "林业和草原"),
    ("粮储", "粮食和物资储备"),
    ("自规", "自然资源和规划"),
    ("环保", "生态环境"),
    ("农业农村", "农业农村"),
    ("水务", "水务"),
    ("大数据", "大数据发展管理"),
    ("邮管", "邮政管理"),
    ("通管", "通信管理"),
    ("统战", "统一战线工作"),
];

/// Words dropped when comparing unit names (人力资源和社会保障局 ≈ 人力资源社会保障局,
/// 应急管理局 ≈ 应急局 once 应急 is expanded).
pub const UNIT_KEY_DROPPED: &[&str] = &["和", "管理"];

// ---- Web pages: what a government site prints around an article -----------------------------

/// Words of the page around an article that a clerk never copies: a paragraph made only of
/// these (and [`PAGE_CHROME_PUNCTUATION`]) is the site's, not the notice's.
pub const PAGE_CHROME_PHRASES: &[&str] = &[
    "打印本页",
    "打印此页",
    "打印文章",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "返回顶部",
    "返回",
    "收藏",
    "分享到",
    "分享",
    "字体",
    "大",
    "中",
    "小",
    "默认",
    "扫一扫在手机打开当前页",
    "相关链接",
    "相关文章",
    "相关阅读",
    "相关新闻",
    "相关文件",
    "推荐阅读",
];

/// Characters a line of the site's is made of besides its [`PAGE_CHROME_PHRASES`]
/// (`【打印本页】【关闭窗口】`).
pub const PAGE_CHROME_PUNCTUATION: &str = "【】[]()（）|｜/·•：:-—>»";

/// Labels that open the page's information bar (发布时间：… 来源：… 浏览次数：…) and the
/// links to neighbouring articles: a line opening with one (and a colon) is the site's.
pub const PAGE_INFO_LABELS: &[&str] = &[
    "发布时间",
    "发布日期",
    "信息来源",
    "来源",
    "浏览次数",
    "点击数",
    "点击量",
    "访问量",
    "阅读次数",
    "作者",
    "责任编辑",
    "编辑",
    "上一篇",
    "下一篇",
];

/// Substrings of `id`/`class` values that name site chrome in the CMSs government sites use
/// (lower-case; matched in any case).
pub const PAGE_CHROME_NAMES: &[&str] = &[
    "nav", "menu", "crumb", "bread", "dqwz", "weizhi", "location", "footer", "share", "print",
    "close", "related", "relate", "xgwz", "xglj", "sidebar", "pager", "bdshare", "toolbar",
];

/// Substrings of `id`/`class` values of the containers CMSs put the article body in
/// (lower-case; matched in any case).
pub const PAGE_CONTENT_NAMES: &[&str] = &[
    "ucap-content",
    "zoom",
    "trs_editor",
    "article",
    "content",
    "wordsection",
];

/// The `<meta name>` under which a CMS gives the article's title.
pub const PAGE_TITLE_META: &str = "ArticleTitle";

/// `<meta name>`s whose content a page's document keeps among its properties.
pub const PAGE_META_NAMES: &[&str] = &["ArticleTitle", "PubDate", "ContentSource", "Keywords"];

/// What separates the article's title from the portal's name in a page's `<title>`
/// (`关于…的通知_某某县人民政府`, `某某网 - 关于…的通知`).
pub const PAGE_TITLE_SEPARATORS: &[&str] = &["_", "|", "｜", " - ", " — ", " – "];

/// What a field of a page's information block gives the register where the article does not
/// print it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageInfoField {
    DocNumber,
    /// 成文日期: the date the document was signed, the register's date.
    DateWritten,
    /// 发布日期: the date the page was published, the register's date where no 成文日期 is
    /// printed.
    DatePublished,
    /// 发布机构: the issuing body, the register's issuer where the article signs none.
    Issuer,
}

/// Labels of the fields a page prints around its article (the bar under the title,
/// `发布日期：2024-03-05`; a 政府信息公开 table, `文　　号 | 云政发〔2025〕7号`) that fill the
/// register's 文号 and date when the article lacks them.
pub const PAGE_INFO_FIELDS: &[(&str, PageInfoField)] = &[
    ("成文日期", PageInfoField::DateWritten),
    ("发布日期", PageInfoField::DatePublished),
    ("发布时间", PageInfoField::DatePublished),
    ("发文字号", PageInfoField::DocNumber),
    ("文号", PageInfoField::DocNumber),
    ("发布机构", PageInfoField::Issuer),
    ("发文机关", PageInfoField::Issuer),
    ("发文机构", PageInfoField::Issuer),
    ("发文单位", PageInfoField::Issuer),
];

/// Links to files of these kinds are attachments: files of their own the page does not hold.
pub const ATTACHMENT_EXTENSIONS: &[&str] = &[
    ".xlsx", ".xls", ".docx", ".doc", ".pdf", ".wps", ".et", ".ofd", ".zip", ".rar", ".csv",
];

// ---- What the writers print --------------------------------------------------------------

/// The header the writers print for each column they write. Each is a name the readers know
/// (`COLUMN_HEADERS`), so that a table dutyctl writes reads back; a test holds them to it.
pub const PRINTED_HEADERS: &[(Column, &str)] = &[
    (Column::Seq, "序号"),
    (Column::Task, "重点工作任务"),
    (Column::Role, "角色"),
    (Column::Lead, "牵头单位"),
    (Column::Support, "配合单位"),
    (Column::Persons, "责任人"),
    (Column::Leaders, "责任领导"),
    (Column::Deadline, "完成时限"),
    (Column::Done, "完成情况"),
    (Column::Problems, "存在问题"),
    (Column::NextSteps, "下步计划"),
    (Column::Section, "章节"),
    (Column::Id, "ID"),
];

/// The header printed for a column (`PRINTED_HEADERS`); empty for a column no writer prints.
pub fn printed_header(column: Column) -> &'static str {
    PRINTED_HEADERS
        .iter()
        .find(|(c, _)| *c == column)
        .map_or("", |(_, h)| h)
}

/// A unit's part in a task, as one unit's table (角色) and checklist print it.
pub const ROLE_LEAD: &str = "牵头";
pub const ROLE_SUPPORT: &str = "配合";

/// The headers of the 领导分工 table.
pub const LEADER_HEADERS: [&str; 5] = ["领导", "职务", "分管工作", "分管单位", "AB角"];
/// The headers of the 职责清单 table.
pub const DUTY_HEADERS: [&str; 2] = ["岗位", "职责"];
/// The title and headers of the per-unit summary (按单位汇总).
pub const SUMMARY_TITLE: &str = "各单位任务汇总";
pub const SUMMARY_HEADERS: [&str; 6] = [
    "单位",
    "牵头任务数",
    "配合任务数",
    "合计",
    "牵头任务",
    "配合任务",
];
/// The chart beside the summary.
pub const SUMMARY_CHART_TITLE: &str = "任务最多的单位";
/// A unit's checklist sheet: its title after the unit's name, and its headers.
pub const CHECKLIST_TITLE_ENDING: &str = "任务清单";
pub const CHECKLIST_HEADERS: [&str; 4] = ["序号", "重点工作任务", "角色", "完成时限"];
/// What a table of each layout is called: a task table, a 领导分工 or a 职责清单.
pub const TASK_TABLE_NOUN: &str = "责任分解表";
pub const LEADER_TABLE_NOUN: &str = "领导分工表";
pub const DUTY_TABLE_NOUN: &str = "职责清单";
/// Words that end the name of a table or list: a document so named is already the table.
pub const TABLE_NOUNS: &[&str] = &["表", "清单"];
/// The word before what a notice is about (…关于印发《X》的通知).
pub const NOTICE_SUBJECT_MARKER: &str = "关于";
/// Verbs after 关于 by which a notice issues the document it carries (关于印发《…》的通知).
pub const ISSUING_VERBS: &[&str] = &["印发", "转发", "调整", "修订", "公布", "下达"];
/// Verbs that issue what follows them even without 《》 (关于印发2024年工作要点的通知);
/// 关于调整镇领导分工的通知 adjusts something rather than issuing a document.
pub const ISSUING_WITHOUT_BRACKETS: &[&str] = &["印发", "转发", "下达"];
/// How a notice's title ends.
pub const NOTICE_ENDINGS: &[&str] = &["的通知", "的意见", "的决定", "的函", "的批复"];
/// Words before a group's noun that make it everyone's (各成员单位, 其他责任单位).
pub const GROUP_QUANTIFIERS: &[&str] = &["各", "其他"];
/// Words that, after 各 or 其他, still name no one in particular (各成员单位, 其他责任单位);
/// `GENERIC_UNITS` has the ones a reader already drops.
pub const GENERIC_GROUP_NOUNS: &[&str] = &["部门", "单位", "成员单位", "责任单位", "职能部门"];
/// How a name of several bodies begins (各乡镇人民政府, 各县区): a summary counts it as one
/// entry, but no single office receives its table.
pub const COLLECTIVE_PREFIXES: &[&str] = &["各", "全体", "所有"];
/// Words that make a name one of several bodies wherever they stand (市安委会各成员单位).
pub const COLLECTIVE_WORDS: &[&str] = &["各"];
/// How a name of several bodies ends (市防指成员单位, 市森防委相关成员单位).
pub const COLLECTIVE_ENDINGS: &[&str] = &[
    "成员单位",
    "有关部门",
    "相关部门",
    "有关单位",
    "相关单位",
    "职责的部门",
];

/// How a note under a table is labelled (备注：…).
pub const NOTE_LABEL: &str = "备注";
/// The labels a note line starts with when read (`备注：`, `注：`, `说明：`); a label's characters
/// may be spaced out (`备  注：`), as a justified cell spaces them.
pub const NOTE_LABELS: &[&str] = &["备注", "注", "说明"];
/// The labels of a form's footer under a table (`填表人：王某某`, `联系电话：…`): who filled it in,
/// checked it or answers questions about it, never a task.
pub const FORM_FOOTER_LABELS: &[&str] = &[
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "审核",
    "联系人",
    "联系电话",
    "电话",
    "填报单位",
    "填表单位",
    "报送单位",
    "填报日期",
    "填表日期",
    "报送日期",
    "制表日期",
    "单位负责人",
    "签发人",
];
/// What the Markdown writer calls the document's 文号, issuer and date.
pub const DOCUMENT_FACT_LABELS: [&str; 3] = ["文号", "发文机关", "成文日期"];

/// What the diff reports call the parts of a task that are not table columns (those are called
/// by their `PRINTED_HEADERS`), and their words for kinds of change.
pub const DIFF_TITLE_LABEL: &str = "标题";
pub const DIFF_TEXT_LABEL: &str = "内容";
pub const DIFF_WAS_LABEL: &str = "原";
pub const DIFF_SPLIT_INTO: &str = "拆分为";
pub const DIFF_MERGED_FROM: &str = "合并自";
pub const DIFF_BY_UNIT: &str = "按单位";
/// The kinds of change in the order the summaries count them: 未变, 变更, 新增, 删除, 拆分, 合并.
pub const DIFF_SUMMARY_WORDS: [&str; 6] = ["未变", "变更", "新增", "删除", "拆分", "合并"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_cell_is_no_header_and_is_read_no_further_than_one() {
        let longest = COLUMN_HEADERS
            .iter()
            .map(|(h, _)| h.chars().count())
            .max()
            .unwrap();
        assert_eq!(longest, LONGEST_COLUMN_HEADER_CHARS);
        assert_eq!(
            header_name_within("牵 头\u{3000}单位（部门）", 4).as_deref(),
            Some("牵头单位")
        );
        assert_eq!(header_name_within("牵头单位甲", 4), None);
        assert_eq!(header_column(" 牵头单位 "), Some(Column::Lead));
        let paragraph = format!("牵头单位{}", "负责组织推进各项工作".repeat(50));
        assert_eq!(header_column(&paragraph), None);
        assert_eq!(header_name(&paragraph).chars().count(), 504);
    }

    #[test]
    fn headers_take_their_role_from_their_words() {
        assert_eq!(header_column("整改目标和措施"), Some(Column::Task));
        assert_eq!(header_column("协同单位"), Some(Column::Support));
        assert_eq!(header_column("牵头部门（单位）"), Some(Column::Lead));
        assert_eq!(header_column("时间节点"), Some(Column::Deadline));
        assert_eq!(header_column("主管部门"), Some(Column::Units));
        assert_eq!(header_column("责任科室"), Some(Column::Units));
        assert_eq!(header_column("牵头处室"), Some(Column::Lead));
        // A leader who leads is a leader; a schedule's column is its time limit.
        assert_eq!(header_column("牵头县领导"), Some(Column::Leaders));
        assert_eq!(header_column("配合责任人"), Some(Column::Persons));
        assert_eq!(header_column("时间安排"), Some(Column::Deadline));
        assert_eq!(header_column("责任主体"), Some(Column::Units));
        assert_eq!(header_column("责任站所"), Some(Column::Units));
        assert_eq!(header_column("协作单位"), Some(Column::Support));
        assert_eq!(header_column("包案领导"), Some(Column::Leaders));
        assert_eq!(header_column("存在问题"), None, "only beside 完成情况");
        assert!(is_problems_header("存在问题"));
        assert_eq!(header_column("完成情况"), Some(Column::Done));
        assert_eq!(header_column("下一步工作计划"), Some(Column::NextSteps));
        assert_eq!(header_column("角色"), Some(Column::Role));
        assert_eq!(header_column("各部门"), None, "a group printed as data");
        assert_eq!(header_column("区应急局"), None);
    }

    #[test]
    fn every_printed_header_reads_back_as_its_column() {
        for (column, header) in PRINTED_HEADERS {
            let read = match column {
                Column::Problems => is_problems_header(header).then_some(Column::Problems),
                _ => header_column(header),
            };
            assert_eq!(read, Some(*column), "{header}");
        }
    }
}
