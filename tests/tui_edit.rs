//! Every edit kind with undo and redo, at the model level (no terminal).

use budget_workbench::model::Workspace;
use budget_workbench::tui::edit::{
    Edit, GradedField, History, IndicatorField, NodeField, ProjectField, Refusal, Target,
    blank_activity, blank_project, blank_project_indicator,
};

fn fixture() -> Workspace {
    budget_workbench::store::parse_str(include_str!("tui_fixture.json"), "fixture").unwrap()
}

/// Performs `edit`, checks `changed`, undoes (back to the original), redoes (changed again).
fn round_trip(edit: Edit, changed: impl Fn(&Workspace)) {
    let original = fixture();
    let mut ws = original.clone();
    let mut history = History::default();
    assert!(!history.is_modified());
    history.perform(&mut ws, edit).expect("edit applies");
    assert!(history.is_modified());
    assert_ne!(ws, original);
    changed(&ws);
    let after = ws.clone();
    assert!(history.undo(&mut ws).unwrap().is_some());
    assert_eq!(ws, original, "undo restores the original exactly");
    assert!(!history.is_modified());
    assert!(history.redo(&mut ws).unwrap().is_some());
    assert_eq!(ws, after, "redo re-applies the edit");
    assert!(history.redo(&mut ws).unwrap().is_none());
}

fn set(target: Target, value: &str) -> Edit {
    let value = target.read_input(value).expect("input accepted");
    Edit::Set { target, value }
}

#[test]
fn edit_grade_standard() {
    let target = Target::Graded {
        duty: 0,
        activity: Some(0),
        row: 0,
        field: GradedField::Standard(1),
    };
    assert_eq!(
        target.pointer(),
        "/performance/matrix/duties/0/activities/0/indicators/0/good"
    );
    round_trip(set(target, "≥96%"), |ws| {
        let g = &ws.performance.matrix.duties[0].activities[0].indicators[0];
        assert_eq!(g.good, "≥96%");
        assert_eq!(g.excellent, "≥100%");
    });
}

#[test]
fn edit_actual_value_and_clear_it() {
    let target = Target::Graded {
        duty: 0,
        activity: Some(0),
        row: 1,
        field: GradedField::Actual,
    };
    round_trip(set(target.clone(), "4"), |ws| {
        assert_eq!(
            ws.performance.matrix.duties[0].activities[0].indicators[1]
                .actual
                .as_deref(),
            Some("4")
        );
    });
    // A blank actual value is no value, not an empty string.
    let clear = Target::Graded {
        duty: 0,
        activity: Some(0),
        row: 0,
        field: GradedField::Actual,
    };
    round_trip(set(clear, "  "), |ws| {
        assert_eq!(
            ws.performance.matrix.duties[0].activities[0].indicators[0].actual,
            None
        );
    });
}

#[test]
fn edit_project_indicator_value() {
    let target = Target::ProjectIndicator {
        project: 0,
        row: 1,
        field: IndicatorField::Value,
    };
    assert_eq!(
        target.pointer(),
        "/performance/projects/0/indicators/1/value"
    );
    round_trip(set(target, "≥98%"), |ws| {
        assert_eq!(ws.performance.projects[0].indicators[1].value, "≥98%");
    });
}

#[test]
fn edit_amounts_and_refuse_text() {
    let budget = Target::Project {
        project: 1,
        field: ProjectField::BudgetTotal,
    };
    round_trip(set(budget.clone(), "31.50"), |ws| {
        let total = ws.performance.projects[1].budget.total.as_ref().unwrap();
        assert_eq!(total.text(), "31.50");
    });
    assert_eq!(budget.read_input("三十万"), Err(Refusal::NotANumber));
    assert_eq!(budget.read_input("12万"), Err(Refusal::NotANumber));
    assert_eq!(budget.read_input(""), Ok(None));

    let plan = Target::Project {
        project: 1,
        field: ProjectField::Plan(2),
    };
    assert_eq!(
        plan.pointer(),
        "/performance/projects/1/spending_plan/october"
    );
    assert_eq!(plan.read_input("八成"), Err(Refusal::NotANumber));
    round_trip(set(plan, "75"), |ws| {
        let october = ws.performance.projects[1].spending_plan.october.as_ref();
        assert_eq!(october.map(|a| a.text()), Some("75"));
    });

    let activity_budget = Target::Activity {
        duty: 1,
        activity: 0,
        field: NodeField::Budget,
    };
    assert_eq!(activity_budget.read_input("abc"), Err(Refusal::NotANumber));
    round_trip(set(activity_budget, ""), |ws| {
        assert_eq!(ws.performance.matrix.duties[1].activities[0].budget, None);
    });
}

#[test]
fn add_and_delete_project_indicator_rows() {
    let like = fixture().performance.projects[0].indicators[0].clone();
    round_trip(
        Edit::InsertProjectIndicator {
            project: 0,
            row: 1,
            value: Box::new(blank_project_indicator(Some(&like))),
        },
        |ws| {
            let rows = &ws.performance.projects[0].indicators;
            assert_eq!(rows.len(), 5);
            assert_eq!(rows[1].level1, "产出指标");
            assert_eq!(rows[1].name, "");
        },
    );
    round_trip(Edit::RemoveProjectIndicator { project: 0, row: 2 }, |ws| {
        let rows = &ws.performance.projects[0].indicators;
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].name, "企业满意度");
    });
}

#[test]
fn add_and_delete_graded_indicator_rows() {
    round_trip(
        Edit::InsertGraded {
            duty: 1,
            activity: Some(0),
            row: 1,
            value: Box::default(),
        },
        |ws| {
            assert_eq!(
                ws.performance.matrix.duties[1].activities[0]
                    .indicators
                    .len(),
                2
            )
        },
    );
    round_trip(
        Edit::RemoveGraded {
            duty: 0,
            activity: Some(0),
            row: 0,
        },
        |ws| {
            let rows = &ws.performance.matrix.duties[0].activities[0].indicators;
            assert_eq!(rows.len(), 1);
            assert_eq!(rows[0].name, "报告篇数");
        },
    );
    // A duty's own indicators.
    round_trip(
        Edit::InsertGraded {
            duty: 0,
            activity: None,
            row: 0,
            value: Box::default(),
        },
        |ws| assert_eq!(ws.performance.matrix.duties[0].indicators.len(), 1),
    );
}

#[test]
fn add_and_delete_projects() {
    round_trip(
        Edit::InsertProject {
            index: 2,
            value: Box::new(blank_project(3)),
        },
        |ws| {
            assert_eq!(ws.performance.projects.len(), 3);
            assert_eq!(ws.performance.projects[2].number, "3");
        },
    );
    round_trip(Edit::RemoveProject { index: 0 }, |ws| {
        assert_eq!(ws.performance.projects.len(), 1);
        assert_eq!(ws.performance.projects[0].code, "2021-002");
    });
}

#[test]
fn add_and_delete_activities() {
    round_trip(
        Edit::InsertActivity {
            duty: 0,
            index: 1,
            value: Box::new(blank_activity(3)),
        },
        |ws| {
            let acts = &ws.performance.matrix.duties[0].activities;
            assert_eq!(acts.len(), 3);
            assert_eq!(acts[1].number, "3");
        },
    );
    round_trip(Edit::RemoveActivity { duty: 0, index: 1 }, |ws| {
        let acts = &ws.performance.matrix.duties[0].activities;
        assert_eq!(acts.len(), 1);
        assert_eq!(acts[0].name, "编制年度计划");
    });
}

#[test]
fn edits_at_missing_places_change_nothing() {
    let mut ws = fixture();
    let original = ws.clone();
    let mut history = History::default();
    for bad in [
        Edit::RemoveProject { index: 9 },
        set(
            Target::Project {
                project: 9,
                field: ProjectField::Code,
            },
            "X",
        ),
    ] {
        assert!(history.perform(&mut ws, bad).is_err());
    }
    assert_eq!(ws, original);
    assert!(history.is_empty());
    assert!(!history.is_modified());
}

#[test]
fn history_is_bounded_and_redo_is_cleared_by_a_new_edit() {
    let mut ws = fixture();
    let mut history = History::new(3);
    let target = Target::Project {
        project: 0,
        field: ProjectField::Code,
    };
    for i in 0..5 {
        history
            .perform(&mut ws, set(target.clone(), &format!("code-{i}")))
            .unwrap();
    }
    assert_eq!(history.len(), 3);
    let mut undone = 0;
    while history.undo(&mut ws).unwrap().is_some() {
        undone += 1;
    }
    assert_eq!(undone, 3);
    assert_eq!(ws.performance.projects[0].code, "code-1");
    assert!(history.can_redo());
    history.perform(&mut ws, set(target, "new")).unwrap();
    assert!(!history.can_redo());
    assert!(history.is_modified());
}

#[test]
fn saving_marks_the_history_clean() {
    let mut ws = fixture();
    let mut history = History::default();
    let target = Target::Project {
        project: 0,
        field: ProjectField::Name,
    };
    history.perform(&mut ws, set(target, "新名称")).unwrap();
    history.mark_saved();
    assert!(!history.is_modified());
    history.undo(&mut ws).unwrap();
    assert!(history.is_modified(), "undoing past the save is a change");
    history.redo(&mut ws).unwrap();
    assert!(!history.is_modified());
}

#[test]
fn edit_budget_figures_by_pointer() {
    use budget_workbench::tui::edit::figure;
    let cases = [
        ("/overview/expenditure/total", "1377.92"),
        ("/overview/revenue/sources/0/prior_year", "1000"),
        ("/running_costs/items/3/amount", "9.00"),
        ("/three_public/items/1/children/1/amount", "11.5"),
        ("/three_public/prior_year", "23"),
        ("/procurement/rows/0/amounts/total", "0.60"),
        ("/assets/categories/1/of_which/0/value", "31"),
    ];
    for (pointer, value) in cases {
        let place: budget_workbench::model::Place = pointer.parse().expect("a pointer");
        let target = Target::Figure(place.clone());
        assert_eq!(target.pointer().to_string(), pointer);
        assert_eq!(target.read_input("约十万"), Err(Refusal::NotANumber));
        round_trip(set(target, value), |ws| {
            let figure = figure(ws, &place).expect("the place exists");
            assert_eq!(figure.as_ref().map(|a| a.text()), Some(value), "{pointer}");
        });
    }
    for missing in ["/three_public/items/9/amount", "/meta/department"] {
        assert!(figure(&fixture(), &missing.parse().unwrap()).is_none());
    }
}
