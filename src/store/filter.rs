//! Queries whose conditions depend on the request (searches with optional filters): values
//! are bound to numbered placeholders; only fixed SQL and placeholders reach the text.

use sqlx::any::AnyArguments;
use sqlx::query::Query;

/// A value bound to a numbered placeholder.
pub enum Arg {
    Text(String),
    Int(i64),
}

/// ` AND `-joined conditions and the values of their placeholders, in order.
#[derive(Default)]
pub struct Conditions {
    sql: String,
    args: Vec<Arg>,
}

impl Conditions {
    /// Adds `condition`, where every `$?` stands for `arg`.
    pub fn with(&mut self, condition: &str, arg: Arg) {
        self.args.push(arg);
        let placeholder = format!("${}", self.args.len());
        self.fixed(&condition.replace("$?", &placeholder));
    }

    /// Adds a condition with no value.
    pub fn fixed(&mut self, condition: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(condition);
    }

    /// The placeholder of one more value (a limit, say) after the conditions'.
    pub fn then(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    /// The conditions' text, to follow `WHERE 1 = 1` (or any condition).
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// The query `sql` (built around [`Self::sql`]) with every value bound.
    pub fn query(self, sql: String) -> Query<'static, sqlx::Any, AnyArguments> {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for a in self.args {
            q = match a {
                Arg::Text(t) => q.bind(t),
                Arg::Int(i) => q.bind(i),
            };
        }
        q
    }
}

/// `LIKE` matches `%` and `_` as wildcards: a search for them means the characters
/// (with `ESCAPE '\'`).
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
