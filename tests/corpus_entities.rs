//! People and figures on the real sample dump. Reads `../shared/corpus/sample-dump.txt`
//! (see `corpus_dir`); skips with a note on stderr when the corpus is absent.

mod common;

use common::corpus_dir;
use newsdump_ls::analysis::{Dump, EntityRef, Rules};

fn sample() -> Option<String> {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus_entities: no corpus folder, skipping");
        return None;
    };
    std::fs::read_to_string(dir.join("sample-dump.txt")).ok()
}

/// The 0-based line of the first occurrence of `needle` on 1-based `line`.
fn offset_on_line(text: &str, dump: &Dump, line: usize, needle: &str) -> usize {
    let start = dump.lines.line_start(line - 1);
    let end = dump.lines.line_start(line);
    start + text[start..end].find(needle).expect("needle on line")
}

#[test]
fn people_on_the_sample() {
    let Some(text) = sample() else { return };
    let dump = Dump::analyse(&text, &Rules::default());
    let people = &dump.entities(&text).people;
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    for expected in [
        "Xi Jinping",
        "Vladimir Putin",
        "Sergey Lavrov",
        "Janet Yellen",
        "Mao Ning",
        "Zhang Hanhui",
        "Cui Heng",
        "Peter Szijjarto",
        "Volodymyr Zelensky",
        "Svetlana Zakharova",
        "Jens Stoltenberg",
        "Chen Xia",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    for name in &names {
        for not_person in [
            "Global South",
            "Great Hall",
            "Boao Forum",
            "Temple",
            "Xinhua",
            "Gabrielle Chanel",
        ] {
            assert!(!name.contains(not_person), "{name} is not a person");
        }
    }
    // Alexei and Alexey Overchuk are one person, flagged as a name variant.
    let overchuk: Vec<_> = people
        .iter()
        .filter(|p| p.name.ends_with("Overchuk"))
        .collect();
    assert_eq!(overchuk.len(), 1);
    let o = overchuk[0];
    assert!(o.mentions.len() >= 7, "{:?}", o.mentions);
    assert_eq!(o.roles, ["Russian Deputy Prime Minister"]);
    let variant = dump
        .all_findings(&text)
        .into_iter()
        .find(|f| f.code == "name-variant")
        .expect("a name-variant finding");
    let lines = (
        dump.lines.line_of(variant.range().start) + 1,
        dump.lines
            .line_of(variant.related().next().expect("related").0.start)
            + 1,
    );
    assert!(lines == (179, 141) || lines == (141, 179), "{lines:?}");

    // Short forms link back: `Lavrov’s` (line 121), `Zhang:` labels, `President Putin`.
    let at = |line: usize, needle: &str| {
        dump.entities(&text)
            .at(offset_on_line(&text, &dump, line, needle))
            .expect("an entity")
    };
    let person = |e: EntityRef| match e {
        EntityRef::Person(i) => people[i].name.as_str(),
        EntityRef::Figure(_) => "a figure",
    };
    assert_eq!(person(at(121, "Lavrov")), "Sergey Lavrov");
    assert_eq!(person(at(65, "Zhang")), "Zhang Hanhui");
    assert_eq!(person(at(7, "Putin’s")), "Vladimir Putin");
    assert_eq!(person(at(133, "Mao")), "Mao Ning");
    // Definition: Xi is introduced with his role on line 3.
    let xi = at(40, "Xi said");
    let def = dump.entities(&text).definition(xi).expect("definition");
    assert_eq!(dump.lines.line_of(def.start) + 1, 3);
    assert_eq!(&text[def], "Xi Jinping");
}

#[test]
fn related_figures_on_the_sample() {
    let Some(text) = sample() else { return };
    let dump = Dump::analyse(&text, &Rules::default());
    let e = dump
        .entities(&text)
        .at(offset_on_line(&text, &dump, 139, "$240.11"))
        .expect("a figure");
    let EntityRef::Figure(i) = e else {
        panic!("not a figure")
    };
    let f = dump.entities(&text).figure(i).expect("figure i");
    assert_eq!(f.value, 240_110_000_000.0);
    assert_eq!(f.unit, "USD");
    let lines: Vec<usize> = dump
        .entities(&text)
        .occurrences(e)
        .iter()
        .map(|r| dump.lines.line_of(r.start) + 1)
        .collect();
    assert_eq!(lines, [69, 139, 185]);
    let hover = newsdump_ls::analysis::describe::describe(&dump, &text, e);
    assert!(
        hover.contains("line 69") && hover.contains("over $240 billion"),
        "{hover}"
    );
    assert!(
        hover.contains("line 185") && hover.contains("$240.1 billion"),
        "{hover}"
    );
    assert!(!hover.contains("$190 billion"), "{hover}");
}
