//! Pinyin readings of Chinese text for search, from the `pinyin` crate's per-character data:
//! a person's surname read as a surname (a small table: 单 shan, 曾 zeng, 尉迟 yuchi…), other
//! characters by their first two readings, so a polyphonic word is found by its usual reading
//! (重庆 chongqing, 厦门 xiamen, 长沙 changsha) as well as by the crate's first one.

use pinyin::{ToPinyin, ToPinyinMulti};

/// Surnames whose reading as a surname is not the character's first reading, compound
/// surnames first. A surname not listed reads as the character's first reading.
const SURNAMES: &[(&str, &[&str])] = &[
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("单于", &["chan", "yu"]),
    ("澹台", &["tan", "tai"]),
    ("长孙", &["zhang", "sun"]),
    ("单", &["shan"]),
    ("曾", &["zeng"]),
    ("解", &["xie"]),
    ("仇", &["qiu"]),
    ("区", &["ou"]),
    ("朴", &["piao"]),
    ("查", &["zha"]),
    ("翟", &["zhai"]),
    ("缪", &["miao"]),
    ("覃", &["qin"]),
    ("盖", &["ge"]),
    ("乐", &["yue"]),
    ("种", &["chong"]),
    ("重", &["chong"]),
    ("秘", &["bi"]),
    ("召", &["shao"]),
    ("句", &["gou"]),
    ("隗", &["wei"]),
    ("能", &["nai"]),
    ("阚", &["kan"]),
    ("藏", &["zang"]),
    ("角", &["jue"]),
    ("折", &["she"]),
    ("员", &["yun"]),
    ("繁", &["po"]),
    ("适", &["kuo"]),
    ("祭", &["zhai"]),
    ("蕃", &["pi"]),
    ("薄", &["bo"]),
    ("长", &["chang"]),
    ("都", &["du"]),
    ("郇", &["xun"]),
    ("朝", &["zhao"]),
    ("参", &["shen"]),
    ("石", &["shi"]),
];

/// The common one-character surnames (about nine names in ten on the mainland), for reading a
/// search such as 单总 as a surname and how a rep addresses its bearer.
const COMMON_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马胡朱郭何罗高林郑梁谢唐宋许邓冯韩曹曾彭肖蔡潘田董袁于余叶蒋杜苏魏\
    程吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江薛严单阎雷龙段郝孔邵史毛常万顾赖武康贺尹钱黎易乔\
    文施洪牛温季俞葛伍覃兰殷柳翟左詹童庞聂颜尚欧申倪安齐华关岳耿闫辛庄甘祝包鲁管宁邢路车凌莫柯涂";

/// Compound surnames read by their characters' first readings (those read otherwise, such as
/// 尉迟, are in [`SURNAMES`]).
const COMPOUND_SURNAMES: [&str; 8] = ["欧阳", "司马", "上官", "诸葛", "东方", "司徒", "慕容", "皇甫"];

/// True when `surname` is a common one-character surname or a known compound one.
pub fn is_surname(surname: &str) -> bool {
    let mut chars = surname.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(c), None, _) => COMMON_SURNAMES.contains(c),
        (Some(_), Some(_), None) => {
            COMPOUND_SURNAMES.contains(&surname) || SURNAMES.iter().any(|(listed, _)| *listed == surname)
        }
        _ => false,
    }
}

/// Readings of one character considered for search: its first reading and the next distinct
/// one, if any. Empty for a character without pinyin.
pub fn readings(c: char) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = c.to_pinyin().map(|p| p.plain()).into_iter().collect();
    if let Some(multi) = c.to_pinyin_multi() {
        for reading in (0..multi.count()).map(|i| multi.get(i).plain()) {
            if out.len() < 2 && !out.contains(&reading) {
                out.push(reading);
            }
        }
    }
    out
}

/// True when `c` has a pinyin reading.
pub fn has_reading(c: char) -> bool {
    c.to_pinyin().is_some()
}

/// The readings of each character of a run of Chinese characters (all with a reading).
pub fn run_readings(run: &[char]) -> Vec<Vec<&'static str>> {
    run.iter().map(|c| readings(*c)).collect()
}

/// The readings of each character of a person's name: its surname (the longest listed one
/// it starts with, else its first character) as a surname, one reading per character, the
/// given name as any other text. Returns the readings and the surname's length in characters.
pub fn name_readings(name: &[char]) -> (Vec<Vec<&'static str>>, usize) {
    let listed = SURNAMES.iter().find(|(surname, _)| {
        let s: Vec<char> = surname.chars().collect();
        name.starts_with(&s)
    });
    let (surname, rest): (Vec<Vec<&'static str>>, usize) = match listed {
        Some((_, syllables)) => (syllables.iter().map(|s| vec![*s]).collect(), syllables.len()),
        None => match name.first() {
            Some(c) => (vec![readings(*c).into_iter().take(1).collect()], 1),
            None => (Vec::new(), 0),
        },
    };
    let len = rest.min(name.len());
    let mut all = surname;
    all.extend(run_readings(&name[len..]));
    (all, len)
}

/// The most whole spellings of one run a search key lists.
const MAX_SPELLINGS: usize = 4;
/// The most polyphonic characters of one run whose second reading is tried.
const MAX_VARIED: usize = 10;

/// Whole spellings of a run, one syllable per character: every character's first reading
/// first, then with one character read its other way, then two…, at most [`MAX_SPELLINGS`].
pub fn spellings(readings: &[Vec<&'static str>]) -> Vec<Vec<&'static str>> {
    let varied: Vec<usize> = (0..readings.len()).filter(|i| readings[*i].len() > 1).take(MAX_VARIED).collect();
    let mut masks: Vec<u32> = (0..1u32 << varied.len()).collect();
    masks.sort_by_key(|m| (m.count_ones(), *m));
    masks
        .into_iter()
        .take(MAX_SPELLINGS)
        .map(|mask| {
            readings
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let second = varied.iter().position(|v| *v == i).is_some_and(|bit| mask & (1 << bit) != 0);
                    r.get(usize::from(second)).copied()
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        spellings(&run_readings(&chars)).iter().map(|s| s.concat()).collect()
    }

    fn name(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        spellings(&name_readings(&chars).0).iter().map(|s| s.concat()).collect()
    }

    #[test]
    fn polyphonic_words_by_either_reading() {
        assert!(joined("重庆").contains(&"chongqing".to_string()), "{:?}", joined("重庆"));
        assert!(joined("厦门").contains(&"xiamen".to_string()));
        assert!(joined("长沙").contains(&"changsha".to_string()));
        assert_eq!(joined("医疗"), ["yiliao"]);
    }

    #[test]
    fn surnames_read_as_surnames() {
        for (who, spelled) in [
            ("单伟", "shanwei"),
            ("曾国", "zengguo"),
            ("解放", "xiefang"),
            ("仇英", "qiuying"),
            ("区明", "ouming"),
            ("朴树", "piaoshu"),
            ("查理", "zhali"),
            ("尉迟恭", "yuchigong"),
            ("翟敏", "zhaimin"),
            ("缪斯", "miaosi"),
            ("王伟", "wangwei"),
            ("张建国", "zhangjianguo"),
        ] {
            assert_eq!(name(who)[0], spelled, "{who}");
            assert!(!name(who).iter().any(|s| s.starts_with("dan")), "{who}: a surname has one reading");
        }
    }

    #[test]
    fn spellings_are_bounded() {
        let long: Vec<char> = "重长行和朝传还系参都盛重长".chars().collect();
        assert_eq!(spellings(&run_readings(&long)).len(), MAX_SPELLINGS);
        assert!(readings('a').is_empty());
        assert!(readings('长').len() == 2);
    }
}
