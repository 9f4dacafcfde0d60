fn main() {
    let w: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap())
            .unwrap();
    for p in w["source"]["pages"].as_array().unwrap() {
        for l in p["lines"].as_array().unwrap() {
            let t = l.as_str().unwrap();
            let c: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            if let Some(k) = budget_workbench::import::section_kind(&c) {
                println!("{} {:?} {}", p["number"], k, t);
            }
        }
    }
}
