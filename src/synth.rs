//! Deterministic synthetic workspaces for benchmarks and scale tests.
//!
//! Realistic Chinese names and texts, amounts that add up, indicators and ladders — and a few
//! deliberate flaws (a wrong total, a gapped or inverted ladder, a duplicate code) so checks
//! have something to find. The same seed and scale always give the same workspace.

use rust_decimal::Decimal;

use crate::model::*;

/// splitmix64: tiny, fast, and stable across platforms and releases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    /// True about once in `n` calls.
    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }
}

const DEPARTMENTS: &[&str] = &[
    "发改局",
    "财政局",
    "教育局",
    "卫健委",
    "交通运输局",
    "农业农村局",
    "生态环境局",
    "商务局",
    "科技局",
    "民政局",
    "住建局",
    "水务局",
    "文旅局",
    "应急管理局",
    "市场监管局",
    "统计局",
];
const TOPICS: &[&str] = &[
    "乡村振兴",
    "产业升级",
    "节能减排",
    "人口普查",
    "安全生产",
    "招商引资",
    "数字政府",
    "营商环境",
    "科技创新",
    "清洁取暖",
    "社会信用",
    "应急保障",
    "河道治理",
    "公共卫生",
];
const KINDS: &[&str] = &[
    "专项经费",
    "补助资金",
    "奖励资金",
    "工作经费",
    "建设资金",
    "运维费用",
];
const OUTPUTS: &[(&str, &str, &str)] = &[
    ("数量指标", "完成项目数量", "≥10个"),
    ("数量指标", "覆盖企业数量", "≥50家"),
    ("质量指标", "验收合格率", "≥95%"),
    ("质量指标", "统计失误率", "<5%"),
    ("时效指标", "按时完成率", "100%"),
    ("成本指标", "成本控制率", "≤100%"),
];
const EFFECTS: &[(&str, &str, &str)] = &[
    ("社会效益指标", "群众知晓率", "≥90%"),
    ("经济效益指标", "带动投资增长", "≥8%"),
    ("生态效益指标", "能耗下降比率", "≥3%"),
    ("可持续影响指标", "长效机制建立", "是"),
];
const LADDERS: &[[&str; 4]] = &[
    ["≥100%", "≥95%", "≥90%", "<90%"],
    ["≥10", "≥8", "≥5", "<5"],
    ["≥5", "4", "3", "<3"],
    [
        "全部如期完成",
        "有1项未能如期完成",
        "有2项未能如期完成",
        "有2项以上超过规定时间",
    ],
    ["≤1%", "≤3%", "≤5%", ">5%"],
    ["≥14%", "≥12%", "≥10%", "<10%"],
];
/// Flawed ladders, used now and then: gapped, out of order, mixed direction.
const FLAWED_LADDERS: &[[&str; 4]] = &[
    ["1万家", "8千家", "6千家", "3千家"],
    ["≥90%", "≥95%", "≥80%", "<80%"],
    ["≥5", "≤5", "≤4", "≤3"],
];
const DUTY_VERBS: &[&str] = &["组织", "推进", "统筹", "监督", "协调", "保障"];

fn money(rng: &mut Rng, max_cents: u64) -> Decimal {
    Decimal::new(rng.below(max_cents) as i64 + 1, 2)
}

fn amount(value: Decimal) -> Option<Amount> {
    Some(Amount::from_decimal(value))
}

/// Chinese numeral for `n` (1–99): section numbers 一、二、… in generated and exported text.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// A workspace of about `scale` times the size of one department's document.
pub fn generate(seed: u64, scale: usize) -> Workspace {
    let mut rng = Rng(seed);
    let scale = scale.max(1);
    let department = rng.pick(DEPARTMENTS).to_string();
    let mut ws = Workspace::new(&department);
    ws.meta.title = format!("{department}部门预算情况说明");
    ws.meta.year = Some(2021 + (rng.below(5) as u32));
    ws.profile.heading = "一、部门职责、机构设置等基本情况".into();
    ws.profile.level = "副县级".into();
    ws.profile.nature = "行政".into();
    ws.profile.funding_form = "财政拨款".into();
    ws.profile.offices = ["综合处", "规划处", "财务处", "督查处"]
        .map(String::from)
        .to_vec();
    ws.profile.duties_heading = format!("{department}主要职责：");

    // Projects first: their budgets make up 项目支出.
    let project_count = 8 * scale;
    let mut projects_total = Decimal::ZERO;
    for index in 0..project_count {
        let topic = rng.pick(TOPICS);
        let kind = rng.pick(KINDS);
        let total = money(&mut rng, 50_000);
        projects_total += total;
        let mut table = ProjectTable {
            number: (index + 1).to_string(),
            title: format!("{topic}{kind}绩效目标表"),
            unit: "万元".into(),
            code: format!(
                "{:03}-{:04}-JSN-{:04X}",
                rng.below(1000),
                rng.below(10_000),
                index
            ),
            name_label: "项目名称".into(),
            name: format!("{topic}{kind}"),
            budget: ProjectBudget {
                total: amount(total),
                fiscal: amount(total),
                other: None,
                ..Default::default()
            },
            purpose: format!("用于{topic}相关工作的组织实施、宣传培训与监督检查。"),
            spending_plan: SpendingPlan {
                march: amount(Decimal::new(20, 0)),
                june: amount(Decimal::new(50, 0)),
                october: amount(Decimal::new(80, 0)),
                december: amount(Decimal::new(10000, 2)),
                ..Default::default()
            },
            goals: vec![
                format!("1、按期完成{topic}年度任务"),
                "2、资金使用规范，发挥预期效益".into(),
            ],
            ..Default::default()
        };
        if rng.one_in(20) {
            // A plan that goes backwards.
            table.spending_plan.october = amount(Decimal::new(40, 0));
        }
        let rows = 6 + rng.below(6) as usize;
        for row in 0..rows {
            let (level1, (level2, name, value)) = match row % 3 {
                0 => (
                    "产出指标",
                    *OUTPUTS
                        .get(rng.below(OUTPUTS.len() as u64) as usize)
                        .unwrap_or(&OUTPUTS[0]),
                ),
                1 => (
                    "效益指标",
                    *EFFECTS
                        .get(rng.below(EFFECTS.len() as u64) as usize)
                        .unwrap_or(&EFFECTS[0]),
                ),
                _ => ("满意度指标", ("服务对象满意度指标", "群众满意度", "≥95%")),
            };
            table.indicators.push(ProjectIndicator {
                level1: level1.into(),
                level2: level2.into(),
                name: format!("{name}{}", row / 3 + 1),
                description: format!("{topic}工作中{name}的实际完成情况"),
                value: value.into(),
                basis: rng
                    .pick(&["相关文件", "工作经验", "历史数据", "行业标准"])
                    .into(),
                ..Default::default()
            });
        }
        ws.performance.projects.push(table);
    }
    if project_count > 2 && rng.one_in(2) {
        // A duplicated project code.
        let code = ws.performance.projects[0].code.clone();
        if let Some(last) = ws.performance.projects.last_mut() {
            last.code = code;
        }
    }

    // The duty-activity matrix.
    let duty_count = 15 * scale;
    for d in 0..duty_count {
        let topic = rng.pick(TOPICS);
        let mut duty = Duty {
            number: chinese_number(d + 1),
            name: format!("{}{topic}工作", rng.pick(DUTY_VERBS)),
            content: format!("负责本级{topic}工作的规划、组织与监督。"),
            goal: format!("{topic}工作有序推进，目标全面完成。"),
            ..Default::default()
        };
        for a in 0..(1 + rng.below(3) as usize) {
            let mut activity = Activity {
                number: (a + 1).to_string(),
                name: format!(
                    "{topic}{}",
                    rng.pick(&["项目管理", "监督检查", "宣传培训", "统计监测"])
                ),
                content: format!("开展{topic}相关的具体工作。"),
                goal: "按时保质完成年度任务。".into(),
                ..Default::default()
            };
            for i in 0..(2 + rng.below(4) as usize) {
                let ladder = if rng.one_in(15) {
                    FLAWED_LADDERS[rng.below(FLAWED_LADDERS.len() as u64) as usize]
                } else {
                    LADDERS[rng.below(LADDERS.len() as u64) as usize]
                };
                activity.indicators.push(GradedIndicator {
                    name: format!("{topic}任务完成情况{}", i + 1),
                    excellent: ladder[0].into(),
                    good: ladder[1].into(),
                    fair: ladder[2].into(),
                    poor: ladder[3].into(),
                    ..Default::default()
                });
            }
            duty.activities.push(activity);
        }
        ws.performance.matrix.duties.push(duty);
    }
    ws.performance.matrix.title = "部门职责-工作活动绩效目标".into();
    ws.performance.matrix.unit = "万元".into();

    // Totals that add up, except for an occasional slip.
    let personnel = money(&mut rng, 100_000 * scale as u64);
    let public_admin = money(&mut rng, 10_000 * scale as u64);
    let mut total = personnel + public_admin + projects_total;
    if rng.one_in(3) {
        total += Decimal::new(1, 0);
    }
    let e = &mut ws.overview.expenditure;
    e.personnel = amount(personnel);
    e.public_admin = amount(public_admin);
    e.projects = amount(projects_total);
    e.total = amount(total);
    e.change = format!("增加{}%", Decimal::new(rng.below(5000) as i64, 2));
    ws.overview.revenue.total = amount(total);
    ws.overview.revenue.sources.push(LineItem {
        name: "一般公共预算拨款".into(),
        amount: amount(total),
        ..Default::default()
    });
    ws.overview.heading = "二、部门预算总体情况及预算收支增减变化情况说明".into();

    // Running costs = 日常公用经费, itemised.
    let names = [
        "办公费",
        "邮电费",
        "差旅费",
        "维修费",
        "会议费",
        "公务用车运行维护费",
        "印刷费",
        "培训费",
        "公务接待费",
        "工会经费",
    ];
    let mut remaining = public_admin;
    for name in names {
        let part = (remaining * Decimal::new(3, 1)).round_dp(2);
        remaining -= part;
        ws.running_costs.items.push(LineItem {
            name: name.into(),
            amount: amount(part),
            ..Default::default()
        });
    }
    ws.running_costs.items.push(LineItem {
        name: "其他".into(),
        amount: amount(remaining),
        ..Default::default()
    });
    ws.running_costs.total = amount(public_admin);
    ws.running_costs.heading = "三、机关运行经费情况说明".into();

    // 三公 from the running-cost items of the same name.
    let of = |ws: &Workspace, name: &str| {
        ws.running_costs
            .items
            .iter()
            .find(|i| i.name == name)
            .and_then(|i| i.amount.clone())
    };
    let vehicle = of(&ws, "公务用车运行维护费");
    let reception = of(&ws, "公务接待费");
    let three_total = vehicle.as_ref().and_then(Amount::value).unwrap_or_default()
        + reception
            .as_ref()
            .and_then(Amount::value)
            .unwrap_or_default();
    ws.three_public.heading = "四、“三公”经费情况及增减变化说明".into();
    ws.three_public.total = amount(three_total);
    ws.three_public.items = vec![
        LineItem {
            name: "公务用车购置及运行费".into(),
            amount: vehicle.clone(),
            change: "与上年持平".into(),
            children: vec![
                LineItem {
                    name: "公务用车购置费".into(),
                    amount: amount(Decimal::ZERO),
                    ..Default::default()
                },
                LineItem {
                    name: "公务用车运行维护费".into(),
                    amount: vehicle,
                    ..Default::default()
                },
            ],
            ..Default::default()
        },
        LineItem {
            name: "公务接待费".into(),
            amount: reception,
            change: "与上年持平".into(),
            ..Default::default()
        },
        LineItem {
            name: "因公出国（境）费".into(),
            amount: amount(Decimal::ZERO),
            change: "与上年持平".into(),
            ..Default::default()
        },
    ];

    // Procurement and assets.
    let mut procurement_total = Decimal::ZERO;
    for i in 0..(2 * scale) {
        let quantity = Decimal::from(1 + rng.below(20));
        let price = money(&mut rng, 100);
        let line = quantity * price;
        procurement_total += line;
        let amounts = ProcurementAmounts {
            total: amount(line),
            department_total: amount(line),
            general_public: amount(line),
            ..Default::default()
        };
        ws.procurement.rows.push(ProcurementRow {
            project: "日常公用经费".into(),
            project_budget: amount(line),
            item: rng.pick(&["桌", "椅", "计算机", "打印机", "文件柜"]).into(),
            catalogue_code: format!("A06{:04}", 200 + i % 100),
            unit: rng.pick(&["张", "把", "台", "个"]).into(),
            quantity: amount(quantity),
            unit_price: amount(price),
            amounts,
            ..Default::default()
        });
    }
    ws.procurement.stated_total = Some(ProcurementAmounts {
        total: amount(procurement_total),
        department_total: amount(procurement_total),
        general_public: amount(procurement_total),
        ..Default::default()
    });
    let mut assets_value = Decimal::ZERO;
    let mut assets_quantity = Decimal::ZERO;
    for (n, name) in ["通用设备", "专用设备", "家具、用具、装具及动植物"]
        .iter()
        .enumerate()
    {
        let quantity = Decimal::from(1 + rng.below(400));
        let value = Decimal::new(rng.below(100_000_000) as i64, 6);
        assets_value += value;
        assets_quantity += quantity;
        ws.assets.categories.push(AssetRow {
            number: chinese_number(n + 1),
            name: (*name).into(),
            quantity: amount(quantity),
            value: amount(value),
            ..Default::default()
        });
    }
    ws.assets.title = "固定资产占用情况表".into();
    ws.assets.value_unit = "万元".into();
    ws.assets.total = AssetFigures {
        quantity: amount(assets_quantity),
        value: amount(assets_value),
        ..Default::default()
    };
    ws
}

/// The JSON of the smallest generated workspace (at scale steps) of at least `bytes` bytes.
pub fn generate_at_least(seed: u64, bytes: usize) -> String {
    let one = crate::store::to_json(&generate(seed, 1)).len().max(1);
    let mut scale = (bytes / one).max(1);
    loop {
        let text = crate::store::to_json(&generate(seed, scale));
        if text.len() >= bytes {
            return text;
        }
        scale += scale / 10 + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_workspace_and_size_scales() {
        let a = crate::store::to_json(&generate(7, 2));
        assert_eq!(a, crate::store::to_json(&generate(7, 2)));
        assert_ne!(a, crate::store::to_json(&generate(8, 2)));
        let big = crate::store::to_json(&generate(7, 20));
        assert!(big.len() > 8 * a.len(), "{} vs {}", big.len(), a.len());
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(15), "十五");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(47), "四十七");
    }
}
