//! Made-up people and companies: Chinese and English names, titles, phones, e-mails, addresses.

use fastrand::Rng;

/// Language a demo customer is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tongue {
    Zh,
    En,
}

/// An industry: how a company in it is named, and what it buys.
pub struct Industry {
    pub zh: &'static str,
    pub en: &'static str,
    pub slug: &'static str,
    pub product_zh: &'static [&'static str],
    pub product_en: &'static [&'static str],
}

/// The industries demo companies are in.
pub const INDUSTRIES: &[Industry] = &[
    Industry {
        zh: "医疗器械",
        en: "Medical",
        slug: "med",
        product_zh: &["监护仪", "输液泵", "超声设备"],
        product_en: &["patient monitors", "infusion pumps", "ultrasound units"],
    },
    Industry {
        zh: "物流",
        en: "Logistics",
        slug: "logistics",
        product_zh: &["冷链运输服务", "仓储管理系统", "手持终端"],
        product_en: &["cold-chain service", "warehouse software", "handheld scanners"],
    },
    Industry {
        zh: "云科技",
        en: "Cloud Tech",
        slug: "cloud",
        product_zh: &["云服务器", "数据备份方案", "安全网关"],
        product_en: &["cloud servers", "backup plan", "security gateways"],
    },
    Industry {
        zh: "钢铁",
        en: "Steel",
        slug: "steel",
        product_zh: &["耐磨钢板", "检测仪器", "润滑油"],
        product_en: &["wear plates", "test instruments", "industrial lubricants"],
    },
    Industry {
        zh: "食品",
        en: "Foods",
        slug: "foods",
        product_zh: &["包装机", "调味料原料", "冷柜"],
        product_en: &["packing machines", "seasoning ingredients", "display fridges"],
    },
    Industry {
        zh: "电子",
        en: "Electronics",
        slug: "elec",
        product_zh: &["贴片机", "测试治具", "电源模块"],
        product_en: &["pick-and-place machines", "test fixtures", "power modules"],
    },
    Industry {
        zh: "制药",
        en: "Pharma",
        slug: "pharma",
        product_zh: &["洁净室设备", "实验室耗材", "质量管理软件"],
        product_en: &["clean-room equipment", "lab consumables", "quality software"],
    },
    Industry {
        zh: "新能源",
        en: "New Energy",
        slug: "energy",
        product_zh: &["储能柜", "光伏逆变器", "充电桩"],
        product_en: &["battery cabinets", "solar inverters", "chargers"],
    },
];

const CITIES: &[(&str, &str)] = &[
    ("深圳", "Shenzhen"),
    ("杭州", "Hangzhou"),
    ("上海", "Shanghai"),
    ("北京", "Beijing"),
    ("广州", "Guangzhou"),
    ("苏州", "Suzhou"),
    ("成都", "Chengdu"),
    ("武汉", "Wuhan"),
    ("南京", "Nanjing"),
    ("西安", "Xian"),
    ("青岛", "Qingdao"),
    ("厦门", "Xiamen"),
    ("宁波", "Ningbo"),
    ("天津", "Tianjin"),
];

const ZH_SUFFIXES: &[&str] = &["有限公司", "股份有限公司", "集团", "科技有限公司"];
const EN_SUFFIXES: &[&str] = &["Co., Ltd.", "Group", "Inc.", "Ltd."];
const EN_BRANDS: &[&str] =
    &["Parkside", "Northwind", "Bluewater", "Greenfield", "Summit", "Harbor", "Redwood", "Kaiyuan"];

const SURNAMES: &[(&str, &str)] = &[
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("林", "lin"),
    ("何", "he"),
    ("高", "gao"),
    ("罗", "luo"),
    ("郑", "zheng"),
    ("梁", "liang"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("韩", "han"),
    ("冯", "feng"),
    ("曹", "cao"),
    ("钱", "qian"),
    ("欧阳", "ouyang"),
];

const GIVEN: &[(&str, &str)] = &[
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("霞", "xia"),
    ("平", "ping"),
    ("华", "hua"),
    ("玲", "ling"),
    ("鹏", "peng"),
    ("辉", "hui"),
    ("婷", "ting"),
    ("雪", "xue"),
    ("慧", "hui"),
    ("宇", "yu"),
    ("峰", "feng"),
    ("晨", "chen"),
    ("欣", "xin"),
    ("建国", "jianguo"),
];

const FIRST_NAMES: &[&str] = &[
    "Tom", "Anna", "James", "Emily", "David", "Sarah", "Michael", "Laura", "Peter", "Grace", "Kevin", "Olivia", "Mark",
    "Sophie", "Daniel", "Hannah", "Chris", "Rachel", "Ben", "Lucy",
];
const LAST_NAMES: &[&str] = &[
    "Park", "Smith", "Brown", "Miller", "Wilson", "Taylor", "Clark", "Walker", "Young", "King", "Wright", "Hughes",
    "Green", "Baker", "Evans", "Turner", "Collins", "Reed", "O'Brien", "Fischer",
];

const TITLES_ZH: &[&str] =
    &["采购经理", "总经理", "技术总监", "财务总监", "采购主管", "副总经理", "运营经理", "IT主管", "厂长", "设备科长"];
const TITLES_EN: &[&str] = &[
    "Purchasing Manager",
    "General Manager",
    "CTO",
    "CFO",
    "Head of IT",
    "Operations Manager",
    "Buyer",
    "Plant Director",
];
const ROADS_ZH: &[&str] = &["人民", "建设", "科技", "滨海", "中山", "解放", "学府", "工业"];
const ROADS_EN: &[&str] = &["Harbour", "Station", "Park", "Mill", "Church", "Bridge", "Market", "High"];

/// A made-up person at a made-up company.
pub struct Person {
    pub tongue: Tongue,
    pub name: String,
    pub nickname: String,
    pub company: String,
    /// Short company name for visit texts ("深圳医疗", "Northwind").
    pub company_short: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub industry: usize,
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

/// A new person: Chinese (2- or 3-character name) about two times in three, else English.
pub fn person(rng: &mut Rng) -> Person {
    let industry = rng.usize(..INDUSTRIES.len());
    let ind = &INDUSTRIES[industry];
    let (city_zh, city_en) = pick(rng, CITIES);
    let n = rng.u32(1..400);
    if rng.u8(..3) < 2 {
        let (surname, s_py) = pick(rng, SURNAMES);
        let (g1, g1_py) = pick(rng, GIVEN);
        let (given, given_py) = if rng.bool() {
            let (g2, g2_py) = pick(rng, GIVEN);
            (format!("{g1}{g2}"), format!("{g1_py}{g2_py}"))
        } else {
            (g1.to_string(), g1_py.to_string())
        };
        let nickname =
            if rng.u8(..4) == 0 { format!("小{}", given.chars().next().unwrap_or('王')) } else { String::new() };
        Person {
            tongue: Tongue::Zh,
            name: format!("{surname}{given}"),
            nickname,
            company: format!("{city_zh}{}{}", ind.zh, pick(rng, ZH_SUFFIXES)),
            company_short: format!("{city_zh}{}", ind.zh),
            title: pick(rng, TITLES_ZH).to_string(),
            phone: format!("1{}{:09}", pick(rng, &["38", "39", "58", "86", "35", "77"]), rng.u32(..1_000_000_000))
                .chars()
                .take(11)
                .collect(),
            email: format!("{s_py}.{given_py}{}@{}{}.com.cn", rng.u8(..10), city_en.to_lowercase(), ind.slug),
            address: format!("{city_zh}市{}路{n}号", pick(rng, ROADS_ZH)),
            industry,
        }
    } else {
        let first = pick(rng, FIRST_NAMES);
        let last = pick(rng, LAST_NAMES);
        let brand = if rng.bool() { city_en } else { pick(rng, EN_BRANDS) };
        let domain = format!("{}{}.com", brand.to_lowercase(), ind.slug);
        let mail_last: String = last.chars().filter(char::is_ascii_alphabetic).collect();
        Person {
            tongue: Tongue::En,
            name: format!("{first} {last}"),
            nickname: String::new(),
            company: format!("{brand} {} {}", ind.en, pick(rng, EN_SUFFIXES)),
            company_short: brand.to_string(),
            title: pick(rng, TITLES_EN).to_string(),
            phone: format!("+86 21 {:04} {:04}", rng.u32(..10_000), rng.u32(..10_000)),
            email: format!("{}.{}@{domain}", first.to_lowercase(), mail_last.to_lowercase()),
            address: format!("{n} {} Road, {city_en}", pick(rng, ROADS_EN)),
            industry,
        }
    }
}

/// A product this person's industry buys, in their language.
pub fn product(rng: &mut Rng, person_industry: usize, tongue: Tongue) -> &'static str {
    let ind = &INDUSTRIES[person_industry % INDUSTRIES.len()];
    match tongue {
        Tongue::Zh => pick(rng, ind.product_zh),
        Tongue::En => pick(rng, ind.product_en),
    }
}

/// How the prospect was found.
pub fn source(rng: &mut Rng, tongue: Tongue) -> &'static str {
    match tongue {
        Tongue::Zh => pick(rng, &["转介绍", "展会", "官网咨询", "陌生拜访", "老客户", "行业协会"]),
        Tongue::En => pick(rng, &["referral", "trade fair", "website", "cold call", "existing customer", "LinkedIn"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_chinese_or_english_and_phones_have_digits() {
        let mut rng = Rng::with_seed(1);
        let people: Vec<Person> = (0..200).map(|_| person(&mut rng)).collect();
        let zh = people.iter().filter(|p| p.tongue == Tongue::Zh).count();
        assert!((100..180).contains(&zh), "{zh} Chinese of 200");
        for p in &people {
            match p.tongue {
                Tongue::Zh => {
                    assert!((2..=4).contains(&p.name.chars().count()), "{}", p.name);
                    assert_eq!(p.phone.len(), 11, "{}", p.phone);
                }
                Tongue::En => assert!(p.name.contains(' ')),
            }
            assert!(p.email.contains('@') && p.email.is_ascii(), "{}", p.email);
        }
        assert!(people.iter().any(|p| p.name.chars().count() == 2));
        assert!(people.iter().any(|p| p.name.chars().count() == 3));
    }
}
