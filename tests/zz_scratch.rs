use tintuc::extract::{extract, Profiles};
#[test]
fn generic_on_shared() {
    let dir = "/work/shared/html/sotttt.hanoi.gov.vn";
    for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17] {
        let html = std::fs::read_to_string(format!("{dir}/{n}.html")).unwrap();
        let meta: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{n}.json")).unwrap())
                .unwrap();
        match extract(&html, None, &Profiles::empty()) {
            Ok(a) => println!(
                "{n}: title_ok={} pub={:?} text={} first={:?}",
                a.title == meta["title"].as_str().unwrap(),
                a.published,
                a.text.len(),
                a.text.chars().take(60).collect::<String>()
            ),
            Err(e) => println!("{n}: ERR {e}"),
        }
    }
    for f in ["vnexpress.net/1.html", "vnexpress.net/2.html"] {
        let html = std::fs::read_to_string(format!("/work/shared/html/{f}")).unwrap();
        match extract(&html, None, &Profiles::empty()) {
            Ok(a) => println!(
                "{f}: title={} pub={:?} text={} last={:?}",
                a.title,
                a.published,
                a.text.len(),
                a.text
                    .chars()
                    .rev()
                    .take(80)
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect::<String>()
            ),
            Err(e) => println!("{f}: ERR {e}"),
        }
    }
}
#[test]
fn mojibake_shared() {
    for site in [
        "baotintuc.vn",
        "cafebiz.vn",
        "covid19.vnanet.vn",
        "danviet.vn",
        "genk.vn",
        "laodong.vn",
        "thethaovanhoa.vn",
        "tintaynguyen.com",
    ] {
        let m = std::fs::read(format!("/work/shared/html/{site}/1.mojibake.html")).unwrap();
        let c = std::fs::read(format!("/work/shared/html/{site}/1.html")).unwrap();
        let dm = tintuc::decode::decode_html(&m, None).unwrap();
        let dc = tintuc::decode::decode_html(&c, None).unwrap();
        println!(
            "{site}: equal={} repairs={:?} clean_repairs={:?}",
            dm.html == dc.html,
            dm.repairs,
            dc.repairs
        );
    }
}
