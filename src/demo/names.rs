//! Made-up people's names: Chinese surnames as common as in life, given names that fit, English
//! names; and the names a demo has given, so that no two of its people share a full name.

use std::collections::HashSet;

use fastrand::Rng;

use super::people::Tongue;

/// Surnames with their pinyin and their share of mainland China's people in ten-thousandths
/// (census order: 王 7.1%, 李 7.0%, 张 6.7%…; 单 about 0.05%).
const SURNAMES: &[(&str, &str, u32)] = &[
    ("王", "wang", 712),
    ("李", "li", 700),
    ("张", "zhang", 674),
    ("刘", "liu", 510),
    ("陈", "chen", 461),
    ("杨", "yang", 322),
    ("黄", "huang", 245),
    ("赵", "zhao", 229),
    ("吴", "wu", 205),
    ("周", "zhou", 193),
    ("徐", "xu", 160),
    ("孙", "sun", 154),
    ("马", "ma", 147),
    ("胡", "hu", 137),
    ("朱", "zhu", 135),
    ("郭", "guo", 134),
    ("何", "he", 129),
    ("罗", "luo", 115),
    ("高", "gao", 115),
    ("林", "lin", 114),
    ("郑", "zheng", 93),
    ("梁", "liang", 87),
    ("谢", "xie", 81),
    ("唐", "tang", 74),
    ("宋", "song", 73),
    ("许", "xu", 68),
    ("邓", "deng", 66),
    ("冯", "feng", 65),
    ("韩", "han", 65),
    ("曹", "cao", 62),
    ("曾", "zeng", 56),
    ("彭", "peng", 56),
    ("肖", "xiao", 53),
    ("蔡", "cai", 49),
    ("潘", "pan", 46),
    ("田", "tian", 46),
    ("董", "dong", 46),
    ("袁", "yuan", 45),
    ("于", "yu", 42),
    ("余", "yu", 41),
    ("叶", "ye", 41),
    ("蒋", "jiang", 41),
    ("杜", "du", 40),
    ("苏", "su", 38),
    ("魏", "wei", 37),
    ("程", "cheng", 36),
    ("吕", "lv", 36),
    ("丁", "ding", 34),
    ("沈", "shen", 33),
    ("任", "ren", 33),
    ("姚", "yao", 32),
    ("卢", "lu", 31),
    ("傅", "fu", 30),
    ("钟", "zhong", 30),
    ("姜", "jiang", 30),
    ("崔", "cui", 30),
    ("谭", "tan", 29),
    ("廖", "liao", 28),
    ("范", "fan", 27),
    ("汪", "wang", 27),
    ("陆", "lu", 27),
    ("金", "jin", 26),
    ("石", "shi", 26),
    ("戴", "dai", 25),
    ("贾", "jia", 24),
    ("韦", "wei", 24),
    ("夏", "xia", 23),
    ("邱", "qiu", 23),
    ("方", "fang", 23),
    ("侯", "hou", 22),
    ("邹", "zou", 22),
    ("熊", "xiong", 21),
    ("孟", "meng", 21),
    ("秦", "qin", 21),
    ("白", "bai", 21),
    ("江", "jiang", 20),
    ("薛", "xue", 18),
    ("严", "yan", 17),
    ("单", "shan", 5),
];
/// Compound surnames: about one name in a thousand.
const COMPOUND_SURNAMES: &[(&str, &str)] = &[("欧阳", "ouyang"), ("司马", "sima"), ("上官", "shangguan")];

/// Given names that go together, for men and for women, of one and of two characters.
const GIVEN_MALE: &[(&str, &str)] = &[
    ("伟", "wei"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("勇", "yong"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("鹏", "peng"),
    ("辉", "hui"),
    ("峰", "feng"),
    ("斌", "bin"),
    ("刚", "gang"),
    ("浩", "hao"),
    ("亮", "liang"),
    ("平", "ping"),
    ("健", "jian"),
    ("凯", "kai"),
    ("宇", "yu"),
    ("飞", "fei"),
    ("波", "bo"),
    ("建国", "jianguo"),
    ("志强", "zhiqiang"),
    ("海涛", "haitao"),
    ("俊杰", "junjie"),
    ("晓东", "xiaodong"),
    ("国栋", "guodong"),
    ("文博", "wenbo"),
    ("振华", "zhenhua"),
    ("宏伟", "hongwei"),
    ("建华", "jianhua"),
    ("永刚", "yonggang"),
    ("立新", "lixin"),
    ("浩然", "haoran"),
    ("明辉", "minghui"),
    ("建军", "jianjun"),
    ("国强", "guoqiang"),
    ("志刚", "zhigang"),
    ("文杰", "wenjie"),
    ("晓明", "xiaoming"),
    ("建平", "jianping"),
    ("卫东", "weidong"),
];
const GIVEN_FEMALE: &[(&str, &str)] = &[
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("艳", "yan"),
    ("霞", "xia"),
    ("玲", "ling"),
    ("婷", "ting"),
    ("燕", "yan"),
    ("颖", "ying"),
    ("琳", "lin"),
    ("红", "hong"),
    ("梅", "mei"),
    ("莉", "li"),
    ("洁", "jie"),
    ("慧", "hui"),
    ("倩", "qian"),
    ("丽娟", "lijuan"),
    ("晓燕", "xiaoyan"),
    ("雪梅", "xuemei"),
    ("海燕", "haiyan"),
    ("秀英", "xiuying"),
    ("婷婷", "tingting"),
    ("欣怡", "xinyi"),
    ("佳怡", "jiayi"),
    ("晓丽", "xiaoli"),
    ("春梅", "chunmei"),
    ("美玲", "meiling"),
    ("静怡", "jingyi"),
    ("红梅", "hongmei"),
    ("秀兰", "xiulan"),
    ("玉兰", "yulan"),
    ("晓红", "xiaohong"),
    ("丽华", "lihua"),
    ("慧敏", "huimin"),
    ("文静", "wenjing"),
];

/// Given names and surnames of English people: enough of them that a book of 140 accounts
/// and their colleagues has no namesakes (with twenty of each it had four Ben Wrights).
const FIRST_NAMES: &[&str] = &[
    "Tom", "Anna", "James", "Emily", "David", "Sarah", "Michael", "Laura", "Peter", "Grace", "Kevin", "Olivia", "Mark",
    "Sophie", "Daniel", "Hannah", "Chris", "Rachel", "Ben", "Lucy", "Andrew", "Claire", "Paul", "Helen", "Simon",
    "Kate", "Richard", "Emma", "Steven", "Julia", "Martin", "Alice", "Neil", "Fiona", "Jason", "Megan", "Robert",
    "Nina", "Gareth", "Ruth",
];
const LAST_NAMES: &[&str] = &[
    "Park",
    "Smith",
    "Brown",
    "Miller",
    "Wilson",
    "Taylor",
    "Clark",
    "Walker",
    "Young",
    "King",
    "Wright",
    "Hughes",
    "Green",
    "Baker",
    "Evans",
    "Turner",
    "Collins",
    "Reed",
    "O'Brien",
    "Fischer",
    "Harris",
    "Morgan",
    "Bennett",
    "Cooper",
    "Foster",
    "Hayes",
    "Lawson",
    "Mitchell",
    "Newman",
    "Palmer",
    "Russell",
    "Shaw",
    "Spencer",
    "Thornton",
    "Ward",
    "Webb",
    "Doyle",
    "Fraser",
    "Murray",
    "Lindqvist",
];

/// How many draws a name gets to be one not given yet before the names are taken as used up.
const TRIES: u32 = 40;

/// The full names a demo has given: each person gets one nobody of the demo has while names
/// are left; once a name not given cannot be found in [`TRIES`] draws (a very large demo),
/// names of that tongue repeat, still drawn as often as in life.
#[derive(Debug, Default)]
pub struct Names {
    given: HashSet<String>,
    /// Per tongue (Chinese, English), whether its names are used up.
    used_up: [bool; 2],
}

/// A person's name.
pub struct Name {
    /// The full name: 王建国, Sarah Brown.
    pub full: String,
    /// The surname alone (张 of 张伟), how a rep's forms of address start; the last name in English.
    pub surname: &'static str,
    /// The name as a mail's local part: wang.jianguo, sarah.brown.
    pub mail: String,
    /// Whether the person is a woman (Chinese names only; `false` in English).
    pub woman: bool,
}

impl Names {
    /// A name in `tongue` no one of this demo has yet, while such names are left.
    pub fn draw(&mut self, rng: &mut Rng, tongue: Tongue) -> Name {
        let slot = usize::from(tongue == Tongue::En);
        let mut name = drawn(rng, tongue);
        if self.used_up[slot] {
            return name;
        }
        for _ in 1..TRIES {
            if !self.given.contains(&name.full) {
                self.given.insert(name.full.clone());
                return name;
            }
            name = drawn(rng, tongue);
        }
        self.used_up[slot] = true;
        name
    }
}

/// A name in `tongue`, surnames as common as in life.
fn drawn(rng: &mut Rng, tongue: Tongue) -> Name {
    match tongue {
        Tongue::Zh => {
            let (surname, surname_py) = if rng.u32(..1000) == 0 { pick(rng, COMPOUND_SURNAMES) } else { surname(rng) };
            let woman = rng.u8(..5) < 2;
            let (given, given_py) = pick(rng, if woman { GIVEN_FEMALE } else { GIVEN_MALE });
            Name {
                full: format!("{surname}{given}"),
                surname,
                mail: format!("{surname_py}.{given_py}{}", rng.u8(..10)),
                woman,
            }
        }
        Tongue::En => {
            let first = pick(rng, FIRST_NAMES);
            let last = pick(rng, LAST_NAMES);
            let mail_last: String = last.chars().filter(char::is_ascii_alphabetic).collect();
            Name {
                full: format!("{first} {last}"),
                surname: last,
                mail: format!("{}.{}", first.to_lowercase(), mail_last.to_lowercase()),
                woman: false,
            }
        }
    }
}

/// The sum of the surnames' shares.
const SURNAME_TOTAL: u32 = {
    let mut total = 0;
    let mut i = 0;
    while i < SURNAMES.len() {
        total += SURNAMES[i].2;
        i += 1;
    }
    total
};

/// A single-character surname, drawn by its share of the people.
fn surname(rng: &mut Rng) -> (&'static str, &'static str) {
    let mut left = rng.u32(..SURNAME_TOTAL);
    for &(surname, py, share) in SURNAMES {
        if left < share {
            return (surname, py);
        }
        left -= share;
    }
    (SURNAMES[0].0, SURNAMES[0].1)
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surnames_of(names: &[Name]) -> Vec<(&'static str, usize)> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for name in names {
            match counts.iter_mut().find(|(s, _)| *s == name.surname) {
                Some((_, n)) => *n += 1,
                None => counts.push((name.surname, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        counts
    }

    #[test]
    fn the_commonest_surnames_in_life_are_the_commonest_here() {
        let mut rng = Rng::with_seed(3);
        let mut names = Names::default();
        // As many people as a rep's book has (its accounts and their colleagues).
        let people: Vec<Name> = (0..400).map(|_| names.draw(&mut rng, Tongue::Zh)).collect();
        let counts = surnames_of(&people);
        for s in counts.iter().take(5).map(|(s, _)| *s) {
            assert!(
                ["王", "李", "张", "刘", "陈", "杨", "黄"].contains(&s),
                "{s} among the five commonest: {counts:?}"
            );
        }
        let big_five: usize = counts.iter().filter(|(s, _)| "王李张刘陈".contains(s)).map(|(_, n)| n).sum();
        assert!(big_five * 100 / people.len() >= 27, "王李张刘陈 are near a third of the people: {counts:?}");
        let rare = counts.iter().find(|(s, _)| *s == "单").map_or(0, |(_, n)| *n);
        assert!(rare <= 1, "单 is rare: {rare} of {}", people.len());
    }

    #[test]
    fn no_two_people_share_a_name_until_names_run_out() {
        let mut rng = Rng::with_seed(5);
        let mut names = Names::default();
        for tongue in [Tongue::Zh, Tongue::En] {
            let mut seen = HashSet::new();
            for _ in 0..400 {
                let name = names.draw(&mut rng, tongue);
                assert!(seen.insert(name.full.clone()), "{} given twice", name.full);
            }
        }
        // A very large demo uses every name up; then they repeat, the common ones most.
        let people: Vec<Name> = (0..20_000).map(|_| names.draw(&mut rng, Tongue::Zh)).collect();
        assert!(names.used_up[0] && !names.used_up[1]);
        let distinct: HashSet<&str> = people.iter().map(|n| n.full.as_str()).collect();
        assert!(distinct.len() < people.len());
        assert_eq!(surnames_of(&people)[0].0, "王");
    }

    #[test]
    fn a_given_name_is_one_name_of_one_sex() {
        // No 胡玲建国, no 王鹏玲: a given name is drawn whole, from the names of one sex.
        for (given, _) in GIVEN_MALE.iter().chain(GIVEN_FEMALE) {
            assert!((1..=2).contains(&given.chars().count()));
            assert!(!(GIVEN_MALE.iter().any(|g| g.0 == *given) && GIVEN_FEMALE.iter().any(|g| g.0 == *given)));
        }
        let all: Vec<&str> = SURNAMES.iter().map(|s| s.0).collect();
        assert_eq!(all.len(), all.iter().collect::<HashSet<_>>().len(), "a surname listed once");
    }
}
