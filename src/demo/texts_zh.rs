//! Chinese visit texts, written as a rep would jot them down. `{p}` is a product, `{u}` its
//! unit, `{c}` the company's short name, `{dm}` how the rep calls the decision maker, `{n}` a
//! number.

use chrono::Weekday::*;

use super::texts::{Due::*, Next, Scenario, Span, Via};

/// Visit scenarios by step (preparation … close).
pub const SCENARIOS: [&[Scenario]; 5] = [
    &[
        Scenario {
            via: Via::Phone,
            once: true,
            purpose: "电话预约首次拜访，问清{p}由谁负责采购",
            plan: "简单介绍公司和同行业的{p}案例，约下周见面半小时",
            expect: "约到半小时面谈",
            met: "约好了周五上午面谈，对方让带{p}的资料过去",
            partly: "对方让先发资料，看完再定时间",
            not_met: "前台不肯转接，没找到负责人",
            topic: "他们今年的采购计划",
            next: [
                Next::to("周五上午带{p}资料上门面谈", On(Fri)),
                Next::to("发公司介绍和{p}彩页", Days(1)),
                Next::retry(Days(7)),
            ],
        },
        Scenario {
            via: Via::Phone,
            once: false,
            purpose: "电话跟进：资料收到没有，约拜访时间",
            plan: "问问看过资料的印象，提两个拜访时间让对方选",
            expect: "定下拜访时间",
            met: "资料看过了，约在下周四下午",
            partly: "资料看过了，愿意见面，时间等领导定",
            not_met: "对方说暂时不需要",
            topic: "他们的设备更新计划",
            next: [
                Next::to("下周四下午上门拜访", NextWeek(Thu)),
                Next::to("打电话确认拜访时间", Days(3)),
                Next::retry(Days(28)),
            ],
        },
        Scenario {
            via: Via::Message,
            once: true,
            purpose: "微信联系{c}的采购，约首次拜访",
            plan: "发公司介绍和{p}案例，给两个见面时间让对方选",
            expect: "定下见面时间",
            met: "对方回了，约在下周二上午",
            partly: "对方说最近忙，月底再约",
            not_met: "消息发了没回",
            topic: "现在用的是哪家的{p}",
            next: [
                Next::to("下周二上午上门拜访", NextWeek(Tue)),
                Next::to("月底再发微信约时间", MonthEnd),
                Next::retry(Days(3)),
            ],
        },
    ],
    &[
        Scenario {
            via: Via::Meeting,
            once: true,
            purpose: "首次上门拜访，建立信任",
            plan: "带样册和小礼品，先聊行业近况，多听少说",
            expect: "对方愿意介绍采购流程，同意再见面",
            met: "聊得不错，对方主动介绍了采购流程",
            partly: "时间太短，只交换了名片",
            not_met: "对方临时开会，只见了五分钟",
            topic: "他们对现有供应商的看法",
            next: [
                Next::to("发一份同行业的成功案例", Days(2)),
                Next::to("寄一份样册，约第二次拜访", Days(3)),
                Next::retry(Days(7)),
            ],
        },
        Scenario {
            via: Via::Any,
            once: false,
            purpose: "找到拍板的人",
            plan: "请采购引荐，顺便问{p}的预算归哪个部门",
            expect: "拿到决策人的名字和联系方式",
            met: "拍板的是{dm}，下周三可以见",
            partly: "知道是副总拍板，还没见上面",
            not_met: "采购不愿意引荐",
            topic: "{dm}关心的成本问题",
            next: [Next::to("下周三见{dm}", NextWeek(Wed)), Next::to("请采购引荐副总", Days(7)), Next::retry(Days(14))],
        },
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "再次拜访，认识使用部门",
            plan: "带同行业的案例，请采购带去见使用部门的负责人，听听他们的难处",
            expect: "认识使用部门的负责人，了解他们的要求",
            met: "见到了使用部门的主管，对方提了不少要求",
            partly: "使用部门的人出差了，只和采购聊了聊",
            not_met: "采购说现在还不方便见使用部门",
            topic: "使用部门最头疼的问题",
            next: [
                Next::to("整理使用部门的要求，发给采购确认", Days(3)),
                Next::to("等使用部门负责人回来再约拜访", Days(10)),
                Next::retry(Days(14)),
            ],
        },
    ],
    &[
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "了解需求：现在用的{p}有哪些问题",
            plan: "按情景性、探究性、暗示性、解决性问题逐层提问，边听边记",
            expect: "找出三个以上的问题，请客户确认",
            met: "客户确认了三个问题：经常出故障、售后响应慢、用起来成本高",
            partly: "只聊出两个问题，预算没问到",
            not_met: "对方不愿多谈，说暂时不考虑换",
            topic: "预算什么时候批",
            next: [
                Next::to("整理需求总结发给客户确认", Days(2)),
                Next::to("下次打电话问清预算", Days(5)),
                Next::retry(Days(21)),
            ],
        },
        Scenario {
            via: Via::Any,
            once: false,
            purpose: "确认预算和决策流程",
            plan: "问清谁审批、预算什么时候下来",
            expect: "拿到预算范围和审批人",
            met: "预算大约{b}，财务和{dm}一起审批",
            partly: "审批流程清楚了，预算要等下个季度",
            not_met: "对方说预算不方便透露",
            topic: "招标时间",
            next: [Next::to("准备初步方案", Days(7)), Next::to("下季度初再问预算", NextQuarter), Next::retry(Days(14))],
        },
    ],
    &[
        Scenario {
            via: Via::Demonstration,
            once: false,
            purpose: "给技术部演示{p}",
            plan: "带样品或样机现场展示，按特征、功能、优点、利益讲，对比数据准备好",
            expect: "技术部认可方案，同意进入商务谈判",
            met: "展示顺利，技术部长当场表示愿意推荐",
            partly: "对产品满意，但担心售后响应速度",
            not_met: "样品没及时到，要再约时间",
            topic: "售后服务条款",
            next: [
                Next::to("提交正式建议书和报价", Days(3)),
                Next::to("发售后服务条款和响应时间承诺", Days(2)),
                Next::retry(Days(7)),
            ],
        },
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "处理价格异议",
            plan: "先听客户把顾虑说完，再用总成本对比讲价值，带两三个同行业的案例",
            expect: "客户接受报价区间",
            met: "客户认可总成本更低，价格不再是主要问题",
            partly: "客户还想再降{n}%",
            not_met: "竞争对手报价低很多，客户倾向对方",
            topic: "付款方式",
            next: [
                Next::to("发送调整后的报价和付款方式", Days(2)),
                Next::to("回公司请示价格底线", Days(2)),
                Next::retry(Days(14)),
            ],
        },
    ],
    &[
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "促成签约",
            plan: "重申价值，给两个付款方案让客户选，带好合同草稿",
            expect: "当场签约或定下签约日期",
            met: "合同签了，首批{n}{u}",
            partly: "口头同意了，合同要走法务流程",
            not_met: "客户说还要再比较一下",
            topic: "交货时间",
            next: [Next::to("确认首批交货时间", Days(3)), Next::to("跟进合同盖章", Days(7)), Next::retry(Days(7))],
        },
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "和{dm}谈最终条款",
            plan: "底线先想好，只谈关键条款，无关的人不要在场",
            expect: "定下采购数量和交期",
            met: "数量和交期都定了，下周下单",
            partly: "数量定了，交期还要再商量",
            not_met: "{dm}出差了，只见到助理",
            topic: "年度框架协议",
            next: [
                Next::to("下周跟进下单", NextWeek(Wed)),
                Next::to("和工厂确认交期，再发合同", Days(3)),
                Next::retry(Days(7)),
            ],
        },
    ],
];

/// What is to do first when a deal has just moved to a step (preparation … close), and once
/// it is won.
pub const STEP_WORK: [Next; 6] = [
    Next::to("打电话约时间谈{p}", Days(3)),
    Next::to("弄清{p}由谁拍板", Days(7)),
    Next::to("约时间上门了解需求", Days(5)),
    Next::to("准备给技术部演示{p}", Days(7)),
    Next::to("发合同草稿，跟进签约", Days(5)),
    Next::to("确认首批交货时间", Days(3)),
];

/// Steps that say when the rep gets in touch again (`{w}`: 周一 … 周五).
pub const FOLLOW_UPS: &[(Span, &str)] = &[
    (Span::On, "{w}打电话问问进展"),
    (Span::On, "{w}再过去一趟"),
    (Span::NextWeek, "下{w}再联系"),
    (Span::MonthEnd, "月底再跟进一次"),
    (Span::Days(13, 17), "过两周再打电话问问"),
    (Span::Days(18, 24), "过三周再去拜访"),
    (Span::Days(27, 33), "过一个月再联系"),
    (Span::NextMonth, "下个月再约时间见面"),
    (Span::Days(40, 50), "过一个半月再去看看"),
    (Span::Days(54, 66), "过两个月再去拜访"),
    (Span::NextQuarter, "下季度再联系"),
    (Span::Days(84, 96), "过三个月再去看看"),
    (Span::Any, "找时间再去拜访一次"),
    (Span::Any, "再约时间跟进"),
];

/// Free notes about a customer.
pub const NOTES: &[&str] = &[
    "客户提到下个月预算会批下来",
    "喜欢微信沟通，不太看邮件",
    "上午十点前比较好约",
    "竞争对手上周也去拜访过",
    "对方新换了采购经理，要重新建立关系",
    "年底前要完成设备更新",
    "老板很重视售后服务",
    "春节前送点心意",
];

/// Quick notes not yet filed under a customer.
pub const INBOX: &[&str] = &["展会上认识的几个人，名片还没整理", "下周例会要准备季度总结", "报价模板要更新"];

/// Why deals are lost.
pub const LOST_REASONS: &[&str] = &["价格太高", "选了竞争对手", "预算取消", "项目延期", "决策人换了"];

/// Deal titles; `{p}` is the product.
pub const DEAL_TITLES: &[&str] = &["{p}采购项目", "{p}年度采购", "{p}年度框架协议", "新厂区{p}项目"];

/// Facts by category: (label, values).
pub const FACTS: &[(crate::domain::FactCategory, &str, &[&str])] = {
    use crate::domain::FactCategory::*;
    &[
        (Basic, "微信", &["同手机号", "已加好友"]),
        (Business, "财年", &["自然年"]),
        (Business, "决策人", &["{dm}"]),
        (Business, "现有供应商", &["本地代理商", "一家外资品牌的代理", "同城的老供应商"]),
        (Personal, "爱好", &["钓鱼", "打羽毛球", "喝茶", "马拉松"]),
        (Personal, "家庭", &["两个孩子", "孩子今年高考", "刚结婚"]),
        (Logistics, "送货", &["上午十点前送到", "要提前一天预约"]),
        (Logistics, "付款条件", &["月结30天", "预付30%"]),
        (Commercial, "历史订单", &["去年下过{b}的订单", "前年签过维保合同"]),
        (Commercial, "投诉", &["去年交货晚了一周，已补偿"]),
    ]
};

/// Labels of important dates: (birthday, other anniversaries).
pub const DATES: (&str, &[&str]) = ("生日", &["公司成立纪念日", "结婚纪念日", "入职纪念日"]);

/// Visits to a customer who has bought: after-sale care.
pub const AFTER_SALE: &[Scenario] = &[
    Scenario {
        via: Via::Any,
        once: false,
        purpose: "回访：了解{p}的使用情况",
        plan: "问问使用中遇到的问题，顺便听听对交货和服务的意见",
        expect: "客户满意，问题都有人跟进",
        met: "用得不错，设备科提了两个小建议",
        partly: "总体满意，但有个质量问题还没处理完",
        not_met: "客户抱怨售后响应慢",
        topic: "明年的扩产计划",
        next: [
            Next::to("把两条建议转给技术部", Days(3)),
            Next::to("安排技术支持上门跟进", Days(2)),
            Next::to("安排技术支持上门，第二天回个电话", Days(1)),
        ],
    },
    Scenario {
        via: Via::Meeting,
        once: false,
        purpose: "处理交货延迟的投诉",
        plan: "先道歉，把问题听完，带上新的交货计划",
        expect: "客户接受补救方案",
        met: "客户接受了补发方案",
        partly: "方案接受了，但要求再给点补偿",
        not_met: "客户说要换供应商",
        topic: "下批货的交期",
        next: [
            Next::to("每周报一次交货进度", Days(7)),
            Next::to("回公司申请补偿方案", Days(2)),
            Next::to("请经理一起上门道歉", Days(3)),
        ],
    },
    Scenario {
        via: Via::Meeting,
        once: false,
        purpose: "介绍新款{p}，了解新需求",
        plan: "带新产品资料，问问新厂区的采购计划",
        expect: "找到下一个商机",
        met: "新厂区明年要{n}{u}，让我们先报方案",
        partly: "有兴趣，预算要等下个季度",
        not_met: "暂时没有新需求",
        topic: "新厂区的建设进度",
        next: [
            Next::to("发新产品资料和报价", Days(5)),
            Next::to("下季度初再问预算", NextQuarter),
            Next::to("下季度再来看看", NextQuarter),
        ],
    },
];

/// Visits that keep in touch while a deal waits in one step; the one that asks how the
/// project stands last (it wants a deal open).
pub const KEEP_IN_TOUCH: &[Scenario] = &[
    Scenario {
        via: Via::Any,
        once: false,
        purpose: "例行拜访，了解近况",
        plan: "聊聊他们最近的生产和采购情况，看看有没有新变化",
        expect: "掌握客户的最新动态",
        met: "客户说明年要扩产，{p}可以再谈",
        partly: "客户最近忙，只简单聊了几句",
        not_met: "对方在开会，没见上",
        topic: "明年的计划",
        next: [
            Next::to("把{p}的资料发过去，跟进扩产计划", Days(3)),
            Next::to("过两周再打电话问问进展", Days(14)),
            Next::to("先打电话约好，下周再去", NextWeek(Tue)),
        ],
    },
    Scenario {
        via: Via::Meeting,
        once: false,
        purpose: "顺路拜访，联络感情",
        plan: "带点本地特产，不谈生意，聊聊家常",
        expect: "关系更近一步",
        met: "聊得很投机，对方透露了竞争对手的报价",
        partly: "东西收下了，但没多聊",
        not_met: "对方公司不让收礼，婉拒了",
        topic: "竞争对手的动向",
        next: [
            Next::to("下次带些行业资料再去坐坐", Days(21)),
            Next::to("下次带些行业资料再去坐坐", Days(21)),
            Next::to("下次带些行业资料再去坐坐", Days(21)),
        ],
    },
    Scenario {
        via: Via::Phone,
        once: false,
        purpose: "电话问问项目进展",
        plan: "问问{p}项目到哪一步了，有没有新的顾虑",
        expect: "弄清项目卡在哪里",
        met: "项目在等预算审批，{dm}月底拍板",
        partly: "对方说还在内部讨论",
        not_met: "电话没人接，微信也没回",
        topic: "预算审批的进度",
        next: [
            Next::to("月底再跟进一次", MonthEnd),
            Next::to("过两周再打电话问问", Days(14)),
            Next::to("周一再打电话", On(Mon)),
        ],
    },
];
