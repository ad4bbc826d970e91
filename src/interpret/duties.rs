//! Duty lists by department: a paragraph headed by the unit it binds (`区水利局：负责…；…`), or a
//! heading naming a unit (`三、区农业局职责`) over numbered duties. The unit, as printed, is the
//! support of each duty under it; units named inside a duty describe how the owner works.

use crate::normalize::units::is_gov_body;
use crate::vocab::{
    ASSIGNMENT_LINE_KEYS, COMPANY_SUFFIXES, DUTY_HEADING_ENDING, DUTY_HEADING_FILLERS,
    DUTY_OPENERS, LEADER_POSTS,
};

/// A document with this many unit-headed paragraphs is a duty list by department.
pub const MIN_UNIT_DUTIES: usize = 3;
/// A unit head is a name or a short list of names, not a sentence.
const HEAD_MAX_CHARS: usize = 40;
/// …and what follows it says what the unit does.
const DUTY_MIN_CHARS: usize = 6;

/// `区水利局：负责…` → (`区水利局`, `负责…`): a paragraph that opens with the unit(s) it binds
/// and a colon. Assignment keys (责任单位：), posts (主  任：) and salutations (各乡镇：) are not.
pub fn unit_duty(paragraph: &str) -> Option<(&str, &str)> {
    let colon = crate::normalize::find_colon(paragraph)?;
    let head = paragraph[..colon].trim();
    let duty = paragraph[colon..].trim_start_matches(['：', ':']).trim();
    // Counted only as far as the limits: a paragraph may be long.
    if head.is_empty()
        || head.chars().nth(HEAD_MAX_CHARS).is_some()
        || duty.chars().nth(DUTY_MIN_CHARS - 1).is_none()
        || head.contains(['，', '。', '；', ',', ';', ' ', '\u{3000}'])
        || (head.contains(['（', '(']) && !is_group_with_note(head))
        // 各乡镇：现将…印发给你们 is a salutation; 各街道办事处：负责… a group's duty.
        || (head.starts_with('各') && !opens_duty(duty))
        || ASSIGNMENT_LINE_KEYS.iter().any(|(k, _)| head.ends_with(k))
    {
        return None;
    }
    // `县交通运输局主要职责：负责…`: the heading's unit.
    if DUTY_LIST_ENDINGS.iter().any(|e| head.ends_with(e))
        && let Some(unit) = unit_heading(head)
    {
        return Some((unit, duty));
    }
    let names_units = head.split('、').all(|name| {
        name.chars().count() >= 3
            // `各乡镇：负责…`: a group printed as the unit (a duty opens what follows, above).
            && (name.starts_with('各')
                || is_gov_body(name)
                || name.ends_with("政府")
                || COMPANY_SUFFIXES.iter().any(|s| name.ends_with(s)))
    });
    names_units.then_some((head, duty))
}

/// `各镇（街道）`, `各村(社区)`: a group of places with the other level it covers in brackets at
/// its end, the one bracket a unit head holds.
fn is_group_with_note(head: &str) -> bool {
    head.starts_with('各')
        && head.ends_with(['）', ')'])
        && head.matches(['（', '(']).count() == 1
        && !head.contains('、')
}

/// `2024年区农业局环境保护目标责任` → `区农业局`: a heading that ends like a list of duties
/// (职责, 目标责任, 责任清单) and opens, after its year, with the unit they bind.
pub fn unit_heading(head: &str) -> Option<&str> {
    let core = head.trim_end_matches(['。', '.', '：', ':']).trim();
    if !DUTY_LIST_ENDINGS.iter().any(|e| core.ends_with(e)) {
        // `一、县应急管理局` over that unit's numbered duties: a heading that is a unit's name.
        return bare_unit(core);
    }
    let after_year = strip_year(core);
    let owner = DUTY_LIST_ENDINGS
        .iter()
        .find_map(|e| after_year.strip_suffix(e))
        .unwrap_or(after_year);
    // 区政府办公室主任职责 names a post, whose holder leads: not a unit.
    if LEADER_POSTS.iter().any(|p| owner.ends_with(p)) {
        return None;
    }
    // The longest opening that names a body: 区农业局 of 区农业局环境保护.
    after_year
        .char_indices()
        .map(|(i, _)| i)
        .skip(3)
        .filter(|i| *i <= owner.len() && is_gov_body(&after_year[..*i]))
        .last()
        .or_else(|| is_gov_body(owner).then_some(owner.len()))
        .map(|i| &after_year[..i])
}

/// An unnumbered line that heads a unit's duties: the unit's heading with a colon and nothing
/// after it (`县教育局：` over `1.负责…`). The colon sets it apart from a signature line.
pub fn unit_head_line(line: &str) -> Option<&str> {
    let line = line.trim();
    let head = line.strip_suffix(['：', ':'])?;
    unit_heading(head)
}

/// A unit's name alone on its line, with no number or colon, over that unit's duties: the next
/// line that is not blank opens with an item's number, or with what a duty opens with
/// (`县民政局` / `1.负责…`, `县民政局` / `负责…`). (An issuer's name stands over a date, and a name
/// within prose over more prose.)
pub fn heads_duties(lines: &[super::Line], index: usize) -> bool {
    use crate::document::numbering::{LabelKind, parse_label};
    let line = &lines[index];
    if line.lost_label || parse_label(&line.text).is_some() || bare_unit(line.text.trim()).is_none()
    {
        return false;
    }
    lines[index + 1..]
        .iter()
        .find(|next| !next.is_blank())
        .is_some_and(|next| match parse_label(&next.text) {
            Some(label) => matches!(
                label.kind,
                LabelKind::Arabic | LabelKind::ParenArabic | LabelKind::Circled
            ),
            None => opens_duty(&next.text),
        })
}

/// Whether a paragraph opens like a duty (`负责…`, `承担…`, `协助…`), not with an assignment's
/// key (`牵头单位：…`).
pub fn opens_duty(paragraph: &str) -> bool {
    let paragraph = paragraph.trim_start();
    DUTY_OPENERS.iter().any(|v| paragraph.starts_with(v)) && !opens_with_key(paragraph)
}

fn opens_with_key(text: &str) -> bool {
    ASSIGNMENT_LINE_KEYS
        .iter()
        .any(|(k, _)| text.starts_with(k))
}

/// Whether an unnumbered line opens a block of a duty list: a unit's or a post's head line, or
/// a paragraph headed by its unit (`县文旅局：负责…`).
pub fn opens_unit_block(line: &str) -> bool {
    is_head_line(line) || unit_duty(line).is_some()
}

/// Whether a line is a unit's or a post's head line alone (`县教育局：`, `镇长职责：`).
pub fn is_head_line(line: &str) -> bool {
    unit_head_line(line).is_some() || post_head_line(line).is_some()
}

/// `分管县政府日常工作的副县长职责` → `分管县政府日常工作的副县长`; `市长的安全生产职责` → `市长`.
pub fn duty_post(head: &str) -> Option<String> {
    let core = head.trim_end_matches(['。', '.', '：', ':']);
    let mut post = core.strip_suffix(DUTY_HEADING_ENDING)?;
    while let Some(shorter) = DUTY_HEADING_FILLERS
        .iter()
        .find_map(|f| post.strip_suffix(f).filter(|p| !p.is_empty()))
    {
        post = shorter;
    }
    Some(post.to_string()).filter(|p| !p.is_empty())
}

/// The longest post's head line, in characters (`分管县政府日常工作的副县长职责：`).
const POST_HEAD_MAX_CHARS: usize = 24;

/// An unnumbered line that heads a post's duties: `区长职责：` alone on its line, over the
/// duties as paragraphs. The post must end like a leader's (`副区长`, `主任`), so that
/// `主要职责：` heads nothing.
pub fn post_head_line(line: &str) -> Option<String> {
    let head = line.trim().strip_suffix(['：', ':'])?;
    if head.chars().nth(POST_HEAD_MAX_CHARS).is_some()
        || head.contains(['，', '。', '；', '、', ',', ';', ' ', '\u{3000}'])
    {
        return None;
    }
    duty_post(head).filter(|post| LEADER_POSTS.iter().any(|p| post.ends_with(p)))
}

/// A heading that is nothing but one body's name (`县应急管理局`, `县住房和城乡建设局`), or the name
/// in the brackets that set a heading apart (`【县林业局】`).
fn bare_unit(core: &str) -> Option<&str> {
    const HEADING_BRACKETS: [(char, char); 4] =
        [('【', '】'), ('［', '］'), ('[', ']'), ('〔', '〕')];
    let core = HEADING_BRACKETS
        .iter()
        .find_map(|(open, close)| core.strip_prefix(*open)?.strip_suffix(*close))
        .map_or(core, str::trim);
    // Counted only as far as the limit: most lines asked are paragraphs.
    let short = core.chars().nth(HEAD_MAX_CHARS).is_none() && core.chars().nth(2).is_some();
    let plain = || {
        !core.contains([
            '，', '。', '；', '、', ',', ';', ' ', '\u{3000}', '（', '(', '：', ':', '/', '／',
            '【', '】', '[', ']', '［', '］', '〔', '〕',
        ])
    };
    // `责任单位/县住建局` is a key and its value, not a name.
    (short && plain() && is_gov_body(core) && !opens_with_key(core)).then_some(core)
}

/// Endings of a heading over one owner's duties.
const DUTY_LIST_ENDINGS: &[&str] = &["职责", "目标责任", "责任清单", "工作责任", "工作任务"];

/// `2024年` / `2024年度` before a heading's words.
fn strip_year(text: &str) -> &str {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits != 4 {
        return text;
    }
    let rest = &text[4..];
    rest.strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'))
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_units_name_alone_over_its_duties_heads_them() {
        let lines = crate::interpret::lines_of(
            "县民政局\n1.负责养老服务。\n县民政局\n加强养老服务。\n某县人民政府\n2026年3月1日\n\
             县医保局\n负责医疗保障。\n责任单位/县住建局\n配合单位/县财政局\n",
        );
        let heads: Vec<bool> = (0..lines.len()).map(|i| heads_duties(&lines, i)).collect();
        assert_eq!(
            heads,
            [
                true, false, false, false, false, false, true, false, false, false
            ]
        );
        assert_eq!(
            unit_duty("县民政局主要职责：负责养老服务和社会救助。"),
            Some(("县民政局", "负责养老服务和社会救助。"))
        );
    }

    #[test]
    fn duty_posts_drop_filler_words() {
        assert_eq!(duty_post("市长的安全生产职责").as_deref(), Some("市长"));
        assert_eq!(
            duty_post("分管县政府日常工作的副县长职责").as_deref(),
            Some("分管县政府日常工作的副县长")
        );
        assert_eq!(duty_post("工作要求"), None);
    }

    #[test]
    fn a_posts_head_line_names_a_leaders_post() {
        assert_eq!(post_head_line("镇长职责：").as_deref(), Some("镇长"));
        assert_eq!(
            post_head_line("分管农业的副镇长职责：").as_deref(),
            Some("分管农业的副镇长")
        );
        assert_eq!(post_head_line("主要职责："), None);
        assert_eq!(post_head_line("镇长职责"), None);
        assert_eq!(post_head_line("镇长职责：负责全面工作。"), None);
        assert!(opens_unit_block("常务副镇长职责："));
    }

    #[test]
    fn a_heading_that_is_a_units_name_binds_that_unit() {
        assert_eq!(unit_heading("县应急管理局"), Some("县应急管理局"));
        assert_eq!(unit_heading("【县林业局】"), Some("县林业局"));
        assert_eq!(unit_heading("〔县应急管理局〕"), Some("县应急管理局"));
        assert_eq!(unit_heading("【县林业局"), None);
        assert_eq!(
            unit_heading("县住房和城乡建设局："),
            Some("县住房和城乡建设局")
        );
        // A heading that says something, lists units or is no body's name binds none.
        assert_eq!(unit_heading("加强县应急管理局建设，提升能力"), None);
        assert_eq!(unit_heading("县应急局、县公安局"), None);
        assert_eq!(unit_heading("工作目标"), None);
    }

    #[test]
    fn a_units_name_and_a_colon_alone_on_a_line_heads_its_duties() {
        assert_eq!(unit_head_line("县卫生健康局："), Some("县卫生健康局"));
        assert_eq!(unit_head_line("县水利局职责："), Some("县水利局"));
        // Without the colon it may be the issuer's signature.
        assert_eq!(unit_head_line("某某县人民政府办公室"), None);
        assert_eq!(unit_head_line("各乡镇人民政府，县直各单位："), None);
        assert!(opens_unit_block("县文旅局：负责文化旅游场所安全监管工作。"));
        assert!(!opens_unit_block("主要职责："));
    }

    #[test]
    fn paragraphs_headed_by_their_unit() {
        assert_eq!(
            unit_duty("区水利局：负责水资源保护；指导节水工作。"),
            Some(("区水利局", "负责水资源保护；指导节水工作。"))
        );
        assert_eq!(
            unit_duty("区电信分公司、移动分公司：保障通讯畅通。").map(|(h, _)| h),
            Some("区电信分公司、移动分公司")
        );
        assert_eq!(unit_duty("责任单位：区水利局、区财政局"), None);
        assert_eq!(unit_duty("主  任：张某某  区管委会副主任"), None);
        assert_eq!(unit_duty("各乡镇人民政府："), None);
        assert_eq!(unit_duty("各街道：现将方案印发给你们，请认真执行。"), None);
        assert_eq!(
            unit_duty("各街道办事处：负责辖区内的排查工作。").map(|(h, _)| h),
            Some("各街道办事处")
        );
        assert_eq!(
            unit_duty("各镇人民政府：负责本镇的巡查工作。").map(|(h, _)| h),
            Some("各镇人民政府")
        );
        assert_eq!(
            unit_duty("各乡镇：负责本辖区的防火工作。").map(|(h, _)| h),
            Some("各乡镇")
        );
        assert_eq!(unit_duty("各乡镇：要高度重视防火工作。"), None);
        assert_eq!(
            unit_duty("各镇（街道）：负责本辖区的巡护。").map(|(h, _)| h),
            Some("各镇（街道）")
        );
        assert_eq!(unit_duty("县林业局（挂牌）：负责巡护工作。"), None);
        assert_eq!(unit_duty("根据规定，现通知如下：一、加强领导"), None);
        assert_eq!(
            unit_heading("2024年区农业局环境保护目标责任"),
            Some("区农业局")
        );
        assert_eq!(unit_heading("区水利局职责"), Some("区水利局"));
        assert_eq!(unit_heading("市长职责"), None);
        assert_eq!(unit_heading("区政府办公室主任职责"), None);
        assert_eq!(unit_heading("分管农业工作的县委常委职责"), None);
        assert_eq!(unit_heading("工作要求"), None);
    }
}
