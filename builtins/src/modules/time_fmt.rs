//! Calendar parts of `time`: `struct_time`, `gmtime`, `localtime` (UTC), `mktime`, `asctime`,
//! `ctime` and `strftime`.

use super::{add_fn, bind};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};
use std::rc::Rc;

const FIELDS: [&str; 9] = [
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Broken-down UTC time.
#[derive(Clone, Copy)]
struct Tm {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    /// Monday = 0.
    wday: i64,
    yday: i64,
}

/// Days since 1970-01-01 → (year, month 1..=12, day 1..=31).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn tm_from_secs(secs: i64) -> Tm {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, mon, mday) = civil_from_days(days);
    let yday = days - days_from_civil(year, 1, 1) + 1;
    Tm {
        year,
        mon,
        mday,
        hour: rem / 3600,
        min: rem % 3600 / 60,
        sec: rem % 60,
        wday: (days + 3).rem_euclid(7),
        yday,
    }
}

fn struct_time_cls(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.import_module("time")?;
    vm.getattr_str(&m, "struct_time")
}

fn make_struct(vm: &mut Vm, t: &Tm) -> PyResult<Value> {
    let cls = struct_time_cls(vm)?;
    let vals = [
        t.year, t.mon, t.mday, t.hour, t.min, t.sec, t.wday, t.yday, 0,
    ];
    let items: Vec<Value> = vals.iter().map(|v| Value::Int(*v)).collect();
    let seq = vm.new_tuple(items);
    vm.call(&cls, &[seq])
}

/// A `struct_time` or 9-sequence back to a `Tm`.
fn tm_from_value(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Tm> {
    let items = vm.to_vec(v)?;
    if items.len() != 9 {
        return Err(vm.new_type_error(&format!("{what}(): illegal time tuple argument")));
    }
    let mut n = [0i64; 9];
    for (i, x) in items.iter().enumerate() {
        n[i] = vm.to_index(x)?;
    }
    if !(1..=12).contains(&n[1]) {
        return Err(vm.new_value_error("month out of range"));
    }
    if !(1..=31).contains(&n[2]) {
        return Err(vm.new_value_error("day of month out of range"));
    }
    if !(0..=23).contains(&n[3]) {
        return Err(vm.new_value_error("hour out of range"));
    }
    if !(0..=59).contains(&n[4]) {
        return Err(vm.new_value_error("minute out of range"));
    }
    if !(0..=61).contains(&n[5]) {
        return Err(vm.new_value_error("seconds out of range"));
    }
    Ok(Tm {
        year: n[0],
        mon: n[1],
        mday: n[2],
        hour: n[3],
        min: n[4],
        sec: n[5],
        wday: n[6].rem_euclid(7),
        yday: n[7],
    })
}

fn secs_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v.filter(|v| !v.is_none()) {
        None => Ok(i64::try_from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        )
        .unwrap_or(0)),
        Some(x) => {
            let f = vm.to_f64(x)?;
            if !f.is_finite() {
                return Err(vm.new_value_error("Invalid value NaN (not a number)"));
            }
            if f.abs() > 1e17 {
                return Err(vm.new_overflow_error("timestamp out of range for platform time_t"));
            }
            #[allow(clippy::cast_possible_truncation)]
            Ok(f.floor() as i64)
        }
    }
}

fn asctime(t: &Tm) -> String {
    let day = DAYS[usize::try_from(t.wday).unwrap_or(0) % 7];
    let mon = MONTHS[usize::try_from(t.mon - 1).unwrap_or(0) % 12];
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        &day[..3],
        &mon[..3],
        t.mday,
        t.hour,
        t.min,
        t.sec,
        t.year
    )
}

fn strftime(vm: &Vm, fmt: &str, t: &Tm) -> PyResult<String> {
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        let day = DAYS[usize::try_from(t.wday).unwrap_or(0) % 7];
        let mon = MONTHS[usize::try_from(t.mon - 1).unwrap_or(0) % 12];
        let h12 = if t.hour % 12 == 0 { 12 } else { t.hour % 12 };
        match d {
            'Y' => out.push_str(&t.year.to_string()),
            'y' => out.push_str(&format!("{:02}", t.year.rem_euclid(100))),
            'm' => out.push_str(&format!("{:02}", t.mon)),
            'd' => out.push_str(&format!("{:02}", t.mday)),
            'e' => out.push_str(&format!("{:2}", t.mday)),
            'H' => out.push_str(&format!("{:02}", t.hour)),
            'I' => out.push_str(&format!("{h12:02}")),
            'M' => out.push_str(&format!("{:02}", t.min)),
            'S' => out.push_str(&format!("{:02}", t.sec)),
            'p' => out.push_str(if t.hour < 12 { "AM" } else { "PM" }),
            'a' => out.push_str(&day[..3]),
            'A' => out.push_str(day),
            'b' | 'h' => out.push_str(&mon[..3]),
            'B' => out.push_str(mon),
            'j' => out.push_str(&format!("{:03}", t.yday)),
            'w' => out.push_str(&((t.wday + 1) % 7).to_string()),
            'u' => out.push_str(&(t.wday + 1).to_string()),
            'Z' => out.push_str("UTC"),
            'z' => out.push_str("+0000"),
            'c' => out.push_str(&asctime(t)),
            'x' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                t.mon,
                t.mday,
                t.year.rem_euclid(100)
            )),
            'X' | 'T' => out.push_str(&format!("{:02}:{:02}:{:02}", t.hour, t.min, t.sec)),
            'D' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                t.mon,
                t.mday,
                t.year.rem_euclid(100)
            )),
            'F' => out.push_str(&format!("{}-{:02}-{:02}", t.year, t.mon, t.mday)),
            'R' => out.push_str(&format!("{:02}:{:02}", t.hour, t.min)),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '%' => out.push('%'),
            other => {
                if !other.is_ascii_alphabetic() {
                    return Err(vm.new_value_error("Invalid format string"));
                }
                out.push('%');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Adds the calendar functions and `struct_time` to the `time` module `m`.
pub(crate) fn install(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let fields: Vec<Rc<str>> = FIELDS.iter().map(|f| Rc::from(*f)).collect();
    let cls = super::namedtuple::make_class(vm, "struct_time", fields, Vec::new(), "time")?;
    // `time.struct_time(sequence)`, as CPython's struct sequences are built (9 to 11 items;
    // pyvm keeps the 9 fields, `tm_zone`/`tm_gmtoff` are UTC's).
    let new = vm.new_native_function("__new__", |vm, a| {
        let c =
            a.pos.first().and_then(|c| vm.as_class(c)).ok_or_else(|| {
                vm.new_type_error("struct_time.__new__(X): X is not a type object")
            })?;
        let p = bind(
            vm,
            &Args {
                pos: a.pos.get(1..).unwrap_or(&[]),
                kw: a.kw,
            },
            "struct_time",
            &["sequence", "dict"],
            0,
            1,
            0,
        )?;
        let items = vm.to_vec(p[0].as_ref().unwrap_or(&Value::None))?;
        if items.len() < 9 {
            return Err(vm.new_type_error(&format!(
                "time.struct_time() takes an at least 9-sequence ({}-sequence given)",
                items.len()
            )));
        }
        if items.len() > 11 {
            return Err(vm.new_type_error(&format!(
                "time.struct_time() takes an at most 11-sequence ({}-sequence given)",
                items.len()
            )));
        }
        let t = vm.new_tuple(items.into_iter().take(9).collect());
        vm.call_method(&Value::Obj(c), "_make", &[t])
    });
    let sm = vm.alloc(&vm.types().staticmethod.clone(), Payload::StaticMethod(new));
    vm.type_set_attr(&cls, "__new__", Value::Obj(sm));
    super::add_method(vm, &cls, "__repr__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        let items = match this.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        };
        let mut parts = Vec::with_capacity(items.len());
        for (f, v) in FIELDS.iter().zip(items.iter()) {
            let r = vm.repr_string(v)?;
            parts.push(format!("{f}={r}"));
        }
        Ok(vm.new_string(format!("time.struct_time({})", parts.join(", "))))
    });
    for (name, v) in [("tm_zone", "GMT"), ("tm_gmtoff", "")] {
        let fget = if v.is_empty() {
            vm.new_native_function(name, |_vm, _a| Ok(Value::Int(0)))
        } else {
            vm.new_native_function(name, |vm, _a| Ok(vm.new_str("GMT")))
        };
        crate::modules::add_getter(vm, &cls, name, fget);
    }
    vm.set_module_attr(m, "struct_time", Value::Obj(cls));
    for fname in ["gmtime", "localtime"] {
        add_fn(vm, m, fname, move |vm, a| {
            let p = bind(vm, &a, fname, &["seconds"], 1, 0, 0)?;
            let secs = secs_arg(vm, p[0].as_ref())?;
            make_struct(vm, &tm_from_secs(secs))
        });
    }
    add_fn(vm, m, "mktime", |vm, a| {
        let v = super::one(vm, &a, "time.mktime")?;
        let t = tm_from_value(vm, &v, "mktime")?;
        let days = days_from_civil(t.year, t.mon, t.mday);
        #[allow(clippy::cast_precision_loss)]
        let secs = (days * 86_400 + t.hour * 3600 + t.min * 60 + t.sec) as f64;
        Ok(Value::float(secs))
    });
    add_fn(vm, m, "asctime", |vm, a| {
        let p = bind(vm, &a, "asctime", &["t"], 1, 0, 0)?;
        let t = match p[0].as_ref() {
            Some(v) => tm_from_value(vm, v, "asctime")?,
            None => tm_from_secs(secs_arg(vm, None)?),
        };
        Ok(vm.new_string(asctime(&t)))
    });
    add_fn(vm, m, "ctime", |vm, a| {
        let p = bind(vm, &a, "ctime", &["seconds"], 1, 0, 0)?;
        let secs = secs_arg(vm, p[0].as_ref())?;
        Ok(vm.new_string(asctime(&tm_from_secs(secs))))
    });
    add_fn(vm, m, "strftime", |vm, a| {
        let p = bind(vm, &a, "strftime", &["format", "t"], 2, 1, 0)?;
        let f = p[0].clone().unwrap_or_default();
        let Some(fs) = f.as_rc_str() else {
            return Err(vm.new_type_error(&format!(
                "strftime() argument 1 must be str, not {}",
                vm.type_name(&f)
            )));
        };
        let t = match p[1].as_ref() {
            Some(v) => tm_from_value(vm, v, "strftime")?,
            None => tm_from_secs(secs_arg(vm, None)?),
        };
        let s = strftime(vm, &fs, &t)?;
        Ok(vm.new_string(s))
    });
    vm.set_module_attr(m, "timezone", Value::Int(0));
    vm.set_module_attr(m, "altzone", Value::Int(0));
    vm.set_module_attr(m, "daylight", Value::Int(0));
    let utc = vm.new_str("UTC");
    let tzname = vm.new_tuple(vec![utc.clone(), utc]);
    vm.set_module_attr(m, "tzname", tzname);
    Ok(())
}
