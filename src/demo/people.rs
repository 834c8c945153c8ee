//! Made-up people and companies: Chinese and English names, titles, phones, e-mails, addresses.

use fastrand::Rng;

use super::names::Names;
use crate::i18n::Lang;

/// Language a demo customer is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tongue {
    Zh,
    En,
}

/// An industry: how a company in it is named, and what it buys (with the unit it is counted in).
pub struct Industry {
    /// As in a company name: 深圳迈科**医疗器械**有限公司.
    pub zh: &'static str,
    /// As in a short company name: 迈科**医疗**.
    pub zh_short: &'static str,
    pub en: &'static str,
    pub slug: &'static str,
    pub product_zh: &'static [Product],
    pub product_en: &'static [Product],
}

/// A product and the unit it is counted in (台, 吨, 桶, 套, 批 / units, tonnes…).
#[derive(Debug, Clone, Copy)]
pub struct Product {
    pub name: &'static str,
    pub unit: &'static str,
}

const fn p(name: &'static str, unit: &'static str) -> Product {
    Product { name, unit }
}

/// The industries demo companies are in.
pub const INDUSTRIES: &[Industry] = &[
    Industry {
        zh: "医疗器械",
        zh_short: "医疗",
        en: "Medical",
        slug: "med",
        product_zh: &[p("监护仪", "台"), p("输液泵", "台"), p("超声设备", "台")],
        product_en: &[p("patient monitors", "units"), p("infusion pumps", "units"), p("ultrasound units", "units")],
    },
    Industry {
        zh: "物流",
        zh_short: "物流",
        en: "Logistics",
        slug: "logistics",
        product_zh: &[p("冷藏车", "辆"), p("仓储管理系统", "套"), p("手持终端", "台")],
        product_en: &[
            p("refrigerated trucks", "trucks"),
            p("warehouse software", "licences"),
            p("handheld scanners", "units"),
        ],
    },
    Industry {
        zh: "信息技术",
        zh_short: "信息",
        en: "IT",
        slug: "it",
        product_zh: &[p("服务器", "台"), p("数据备份系统", "套"), p("安全网关", "台")],
        product_en: &[p("servers", "units"), p("backup systems", "systems"), p("security gateways", "units")],
    },
    Industry {
        zh: "钢铁",
        zh_short: "钢铁",
        en: "Steel",
        slug: "steel",
        product_zh: &[p("耐磨钢板", "吨"), p("检测仪器", "台"), p("工业润滑油", "桶")],
        product_en: &[p("wear plates", "tonnes"), p("test instruments", "units"), p("industrial lubricants", "drums")],
    },
    Industry {
        zh: "食品",
        zh_short: "食品",
        en: "Foods",
        slug: "foods",
        product_zh: &[p("包装机", "台"), p("调味料原料", "吨"), p("展示冷柜", "台")],
        product_en: &[
            p("packing machines", "units"),
            p("seasoning ingredients", "tonnes"),
            p("display fridges", "units"),
        ],
    },
    Industry {
        zh: "电子科技",
        zh_short: "电子",
        en: "Electronics",
        slug: "elec",
        product_zh: &[p("贴片机", "台"), p("测试治具", "套"), p("电源模块", "批")],
        product_en: &[p("pick-and-place machines", "units"), p("test fixtures", "sets"), p("power modules", "lots")],
    },
    Industry {
        zh: "制药",
        zh_short: "制药",
        en: "Pharma",
        slug: "pharma",
        product_zh: &[p("洁净室设备", "套"), p("实验室耗材", "批"), p("质量管理软件", "套")],
        product_en: &[
            p("clean-room equipment", "sets"),
            p("lab consumables", "lots"),
            p("quality software", "licences"),
        ],
    },
    Industry {
        zh: "新能源科技",
        zh_short: "新能源",
        en: "New Energy",
        slug: "energy",
        product_zh: &[p("储能柜", "台"), p("光伏逆变器", "台"), p("充电桩", "台")],
        product_en: &[p("battery cabinets", "units"), p("solar inverters", "units"), p("chargers", "units")],
    },
];

/// Cities, in Chinese and in English, with their telephone area code.
const CITIES: &[(&str, &str, &str)] = &[
    ("深圳", "Shenzhen", "755"),
    ("杭州", "Hangzhou", "571"),
    ("上海", "Shanghai", "21"),
    ("北京", "Beijing", "10"),
    ("广州", "Guangzhou", "20"),
    ("苏州", "Suzhou", "512"),
    ("成都", "Chengdu", "28"),
    ("武汉", "Wuhan", "27"),
    ("南京", "Nanjing", "25"),
    ("西安", "Xian", "29"),
    ("青岛", "Qingdao", "532"),
    ("厦门", "Xiamen", "592"),
    ("宁波", "Ningbo", "574"),
    ("天津", "Tianjin", "22"),
];

/// Company forms, the plain limited company most often.
const ZH_SUFFIXES: &[&str] = &["有限公司", "有限公司", "有限公司", "股份有限公司", "股份有限公司", "集团有限公司"];
/// Trade names (字号) of made-up companies, with their pinyin for mail domains.
const ZH_TRADE_NAMES: &[(&str, &str)] = &[
    ("迈科", "maike"),
    ("华瑞", "huarui"),
    ("恒通", "hengtong"),
    ("康达", "kangda"),
    ("鑫源", "xinyuan"),
    ("宏远", "hongyuan"),
    ("海纳", "haina"),
    ("天宇", "tianyu"),
    ("博远", "boyuan"),
    ("金诚", "jincheng"),
    ("联创", "lianchuang"),
    ("瑞丰", "ruifeng"),
    ("润达", "runda"),
    ("新锐", "xinrui"),
    ("永盛", "yongsheng"),
    ("汇通", "huitong"),
    ("泰和", "taihe"),
    ("华信", "huaxin"),
    ("广源", "guangyuan"),
    ("盛达", "shengda"),
    ("东方", "dongfang"),
    ("德隆", "delong"),
    ("嘉诚", "jiacheng"),
    ("宏达", "hongda"),
    ("鼎盛", "dingsheng"),
    ("远航", "yuanhang"),
    ("启明", "qiming"),
    ("安泰", "antai"),
    ("凯瑞", "kairui"),
    ("万通", "wantong"),
    ("恒信", "hengxin"),
    ("同创", "tongchuang"),
];
const EN_SUFFIXES: &[&str] = &["Co., Ltd.", "Group", "Inc.", "Ltd."];
/// English brands: of Chinese companies named in English (beside their pinyin trade names), and
/// of the foreign-invested companies among a Chinese rep's accounts.
const EN_BRANDS: &[&str] =
    &["Parkside", "Northwind", "Bluewater", "Greenfield", "Summit", "Harbor", "Redwood", "Lakeside"];

/// Titles, and how a rep addresses someone of that title (`{s}` the surname): 张总, 李工.
const TITLES_ZH: &[(&str, &str)] = &[
    ("采购经理", "{s}经理"),
    ("总经理", "{s}总"),
    ("技术总监", "{s}工"),
    ("财务总监", "{s}总"),
    ("采购主管", "{s}主管"),
    ("副总经理", "{s}总"),
    ("运营经理", "{s}经理"),
    ("IT主管", "{s}工"),
    ("厂长", "{s}厂长"),
    ("设备科长", "{s}科长"),
];
/// The titles of someone who decides.
const DECIDER_TITLES_ZH: &[(&str, &str)] = &[("总经理", "{s}总"), ("副总经理", "{s}总"), ("董事长", "{s}董")];
const TITLES_EN: &[&str] = &[
    "Purchasing Manager",
    "General Manager",
    "CTO",
    "CFO",
    "Head of IT",
    "Operations Manager",
    "Procurement Officer",
    "Plant Director",
];
/// Industries (by slug) where the head of IT is among the people who buy.
const IT_BUYERS: &[&str] = &["it", "elec", "logistics"];
/// The English titles of someone who decides.
const EN_DECIDER_TITLES: &[&str] = &["General Manager", "Managing Director", "CEO"];
const ROADS_ZH: &[&str] = &["人民", "建设", "科技", "滨海", "中山", "解放", "学府", "工业"];
const ROADS_EN: &[&str] = &["Harbour", "Station", "Park", "Mill", "Church", "Bridge", "Market", "High"];

/// A made-up person at a made-up company.
pub struct Person {
    pub tongue: Tongue,
    pub name: String,
    /// How a rep calls this person: 张总, 李工, 王姐 (empty in English).
    pub address_as: String,
    pub company: String,
    /// Short company name for visit texts ("迈科医疗", "Northwind").
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

/// The own person of a demo's account number `account` (from 0) in `lang`, named as nobody
/// else of the demo while names are left: in Chinese nearly always for a Chinese demo (one
/// account in thirty-five, dealt in turn, is a foreign-invested company: Northwind Medical
/// (Shanghai) Co., Ltd.), always in English for an English one (an English-speaking rep reads
/// every account; Chinese companies are then written in English: Shenzhen Maike Medical Co.,
/// Ltd.).
pub fn person(rng: &mut Rng, lang: Lang, names: &mut Names, account: u64) -> Person {
    match lang {
        Lang::ZhCn if account % 35 == 17 => made(rng, Tongue::En, false, names, true),
        Lang::ZhCn => made(rng, Tongue::Zh, false, names, false),
        Lang::En => made(rng, Tongue::En, false, names, false),
    }
}

/// A new person speaking `tongue`, named as nobody else of the demo while names are left;
/// `decider` gives a title of someone who decides.
pub fn person_in(rng: &mut Rng, tongue: Tongue, decider: bool, names: &mut Names) -> Person {
    made(rng, tongue, decider, names, false)
}

/// A person speaking `tongue`; `foreign`: at a foreign-invested company in China.
fn made(rng: &mut Rng, tongue: Tongue, decider: bool, names: &mut Names, foreign: bool) -> Person {
    let industry = rng.usize(..INDUSTRIES.len());
    let ind = &INDUSTRIES[industry];
    let (city_zh, city_en, area_code) = pick(rng, CITIES);
    let n = rng.u32(1..400);
    let name = names.draw(rng, tongue);
    match tongue {
        Tongue::Zh => {
            let (title, form) = pick(rng, if decider { DECIDER_TITLES_ZH } else { TITLES_ZH });
            // The head of IT buys for an IT, electronics or logistics company, not steel.
            let (title, form) = if title == "IT主管" && !IT_BUYERS.contains(&ind.slug) {
                ("采购主管", "{s}主管")
            } else {
                (title, form)
            };
            // Colleagues of their own age call a woman buyer 姐 as often as by her title.
            let form = if name.woman && !decider && rng.u8(..3) == 0 { "{s}姐" } else { form };
            let (trade, trade_py) = pick(rng, ZH_TRADE_NAMES);
            Person {
                tongue,
                name: name.full,
                address_as: form.replace("{s}", name.surname),
                company: format!("{city_zh}{trade}{}{}", ind.zh, pick(rng, ZH_SUFFIXES)),
                company_short: format!("{trade}{}", ind.zh_short),
                title: title.to_string(),
                phone: format!(
                    "1{}{:08}",
                    pick(rng, &["38", "39", "58", "86", "35", "77", "36", "89"]),
                    rng.u32(..100_000_000)
                ),
                email: format!("{}@{trade_py}{}.com.cn", name.mail, ind.slug),
                address: format!("{city_zh}市{}路{n}号", pick(rng, ROADS_ZH)),
                industry,
            }
        }
        Tongue::En => {
            // Named as Chinese companies name themselves in English (Shenzhen Maike Medical
            // Co., Ltd.), or with an English brand: the city, the trade name, the trade; a
            // foreign company's Chinese arm by its brand, the trade, then the city in brackets.
            let brand = if foreign || !rng.bool() { pick(rng, EN_BRANDS) } else { pick(rng, ZH_TRADE_NAMES).1 };
            let brand = capitalised(brand);
            let domain = format!("{}{}.com", brand.to_lowercase(), ind.slug);
            let title = if decider { pick(rng, EN_DECIDER_TITLES) } else { pick(rng, TITLES_EN) };
            let title =
                if title == "Head of IT" && !IT_BUYERS.contains(&ind.slug) { "Purchasing Manager" } else { title };
            let company = if foreign {
                format!("{brand} {} ({city_en}) Co., Ltd.", ind.en)
            } else {
                format!("{city_en} {brand} {} {}", ind.en, pick(rng, EN_SUFFIXES))
            };
            Person {
                tongue,
                name: name.full,
                address_as: String::new(),
                company,
                company_short: brand,
                title: title.to_string(),
                // An office line in the company's city (a Xiamen company's is not in Shanghai's 21).
                phone: format!("+86 {area_code} {:04} {:04}", rng.u32(..10_000), rng.u32(..10_000)),
                email: format!("{}@{domain}", name.mail),
                address: format!("{n} {} Road, {city_en}", pick(rng, ROADS_EN)),
                industry,
            }
        }
    }
}

/// An office line `phone` ("+86 25 4695 5276") with the area code of `office` ("+86 512 …"): a
/// colleague's line in the account's city.
pub fn in_office_of(phone: &str, office: &str) -> String {
    match (phone.split(' ').collect::<Vec<_>>().as_slice(), office.split(' ').nth(1)) {
        ([country, _, rest @ ..], Some(area)) => [&[*country, area][..], rest].concat().join(" "),
        _ => phone.to_string(),
    }
}

/// `maike` → `Maike`.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A product this person's industry buys, in their language, with its unit.
pub fn product(rng: &mut Rng, person_industry: usize, tongue: Tongue) -> Product {
    let ind = &INDUSTRIES[person_industry % INDUSTRIES.len()];
    match tongue {
        Tongue::Zh => pick(rng, ind.product_zh),
        Tongue::En => pick(rng, ind.product_en),
    }
}

/// Whether someone with `title` decides purchases (a general manager, a chairman, a CEO).
pub fn decides_by_title(title: &str) -> bool {
    DECIDER_TITLES_ZH.iter().any(|(t, _)| *t == title) || EN_DECIDER_TITLES.contains(&title)
}

/// Another product of the industry than those in `not` (what the account's other deals are
/// about), when one is left.
pub fn other_product(rng: &mut Rng, industry: usize, tongue: Tongue, not: &[&str]) -> Product {
    let ind = &INDUSTRIES[industry % INDUSTRIES.len()];
    let products = if tongue == Tongue::Zh { ind.product_zh } else { ind.product_en };
    let start = rng.usize(..products.len());
    (0..products.len())
        .map(|k| products[(start + k) % products.len()])
        .find(|p| !not.contains(&p.name))
        .unwrap_or(products[start])
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
        let mut names = Names::default();
        let people: Vec<Person> = (0..400).map(|n| person(&mut rng, Lang::ZhCn, &mut names, n)).collect();
        let zh = people.iter().filter(|p| p.tongue == Tongue::Zh).count();
        assert_eq!(zh, 400 - 11, "a few foreign accounts in a Chinese demo");
        for p in &people {
            match p.tongue {
                Tongue::Zh => {
                    assert!((2..=4).contains(&p.name.chars().count()), "{}", p.name);
                    assert_eq!(p.phone.len(), 11, "{}", p.phone);
                    assert!(
                        p.address_as.chars().count() >= 2 && p.name.starts_with(p.address_as.chars().next().unwrap())
                    );
                    assert!(p.company.ends_with("公司") && p.company.contains(&p.company_short[..6]), "{}", p.company);
                }
                // A foreign-invested company: Northwind Medical (Shanghai) Co., Ltd.
                Tongue::En => {
                    assert!(p.name.contains(' '));
                    assert!(p.company.ends_with(") Co., Ltd.") && p.company.starts_with(&p.company_short));
                    let (_, city, code) = CITIES.iter().find(|c| p.address.ends_with(c.1)).unwrap();
                    assert!(p.phone.starts_with(&format!("+86 {code} ")), "{} in {city}", p.phone);
                }
            }
            assert!(p.email.contains('@') && p.email.is_ascii(), "{}", p.email);
        }
        assert!(people.iter().any(|p| p.name.chars().count() == 2));
        assert!(people.iter().any(|p| p.name.chars().count() == 3));
        let mut rng = Rng::with_seed(1);
        let en = (0..200).filter(|n| person(&mut rng, Lang::En, &mut names, *n).tongue == Tongue::En).count();
        assert_eq!(en, 200, "an English demo is English throughout");
    }
}
