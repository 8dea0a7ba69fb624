//! `newsgraph push GRAPH.json --bolt URI`: writes a saved graph into any server that
//! speaks the Neo4j Bolt protocol, in batched, idempotent MERGE transactions.
//!
//! The statements and rows come from `newsgraph::export::bolt::plan`; this file only
//! talks to the server (neo4rs on a single-threaded tokio runtime). Connection and
//! authentication failures end in one clear line and exit code 2.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use neo4rs::{BoltType, ConfigBuilder, Graph, query};
use newsgraph::KnowledgeGraph;
use newsgraph::export::bolt::{self, Batch, Row};
use newsgraph::export::properties::Value;

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The graph to push (graph.json written by `build` or `analyze`).
    pub graph: PathBuf,
    /// Server address, e.g. bolt://127.0.0.1:7687 or neo4j://host:7687.
    #[arg(long, value_name = "URI")]
    pub bolt: String,
    /// User name.
    #[arg(long, default_value = "neo4j")]
    pub user: String,
    /// Name of the environment variable holding the password (never pass it as an argument).
    #[arg(long, value_name = "VAR", default_value = "NEO4J_PASSWORD")]
    pub password_env: String,
    /// Database to write into (default: the server's default database).
    #[arg(long)]
    pub database: Option<String>,
    /// Rows per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
    #[command(flatten)]
    pub strict: super::analyze::StrictArgs,
}

/// How long connecting may take before the server is reported unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let graph = super::analyze::read_graph(&args.graph, args.strict.strict)?;
    let batches = bolt::plan(&graph, args.batch)?;
    let password = std::env::var(&args.password_env).ok();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(push(&args, password, &graph, &batches))?;
    Ok(Outcome::Ok)
}

async fn push(
    args: &Args,
    password: Option<String>,
    graph: &KnowledgeGraph,
    batches: &[Batch],
) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut config = ConfigBuilder::default()
        .uri(args.bolt.as_str())
        .user(args.user.as_str())
        .password(password.clone().unwrap_or_default())
        .max_connections(1);
    if let Some(db) = &args.database {
        config = config.db(db.as_str());
    }
    let config = config
        .build()
        .map_err(|e| anyhow!("invalid Bolt settings for {}: {e}", args.bolt))?;
    let db = tokio::time::timeout(CONNECT_TIMEOUT, async {
        let db = Graph::connect(config).await?;
        // The pool connects lazily: one round trip proves address and credentials. Through
        // a transaction, because `Graph::run` retries for up to a minute.
        let mut txn = db.start_txn().await?;
        txn.run(query("RETURN 1")).await?;
        txn.commit().await?;
        Ok::<Graph, neo4rs::Error>(db)
    })
    .await
    .map_err(|_| {
        anyhow!(
            "cannot connect to {}: no answer within {CONNECT_TIMEOUT:?}",
            args.bolt
        )
    })?
    .map_err(|e| {
        let unset = password
            .is_none()
            .then(|| format!(" ({} is not set)", args.password_env));
        connect_error(&args.bolt, &args.user, unset.as_deref().unwrap_or(""), e)
    })?;

    if let Err(e) = run_once(&db, &bolt::constraint_statement()).await {
        eprintln!(
            "newsgraph: note: the server refused the Actor.id uniqueness constraint ({e}); continuing without it"
        );
    }
    for (i, batch) in batches.iter().enumerate() {
        let rows: Vec<BoltType> = batch.rows.iter().map(row_to_bolt).collect();
        let mut txn = db
            .start_txn()
            .await
            .with_context(|| format!("cannot start transaction {} of {}", i + 1, batches.len()))?;
        txn.run(query(&batch.statement).param("rows", rows))
            .await
            .with_context(|| {
                format!(
                    "writing {} rows of {} (batch {} of {}) failed",
                    batch.rows.len(),
                    batch.what,
                    i + 1,
                    batches.len()
                )
            })?;
        txn.commit().await.context("commit failed")?;
    }
    eprintln!(
        "newsgraph: pushed {} actors and {} relationships to {} in {} transactions ({:.1}s)",
        graph.node_count(),
        graph.edge_count(),
        args.bolt,
        batches.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Runs one statement in its own transaction, without the driver's retries.
async fn run_once(db: &Graph, statement: &str) -> Result<(), neo4rs::Error> {
    let mut txn = db.start_txn().await?;
    txn.run(query(statement)).await?;
    txn.commit().await
}

/// One line that says whether the address or the credentials are wrong.
fn connect_error(uri: &str, user: &str, note: &str, e: neo4rs::Error) -> anyhow::Error {
    use neo4rs::Error as E;
    let auth = match &e {
        E::AuthenticationError(_) => true,
        E::Neo4j(n) => {
            let code = n.code().to_ascii_lowercase();
            code.contains("security") || code.contains("unauthorized") || code.contains("auth")
        }
        other => {
            let text = other.to_string().to_ascii_lowercase();
            text.contains("auth") || text.contains("credential") || text.contains("password")
        }
    };
    if auth {
        anyhow!("authentication failed for user `{user}` at {uri}{note}: {e}")
    } else {
        let detail = match &e {
            E::IOError { detail } => detail.to_string(),
            other => other.to_string(),
        };
        anyhow!("cannot connect to {uri}: {detail}")
    }
}

fn value_to_bolt(v: &Value) -> BoltType {
    match v {
        Value::Bool(b) => BoltType::from(*b),
        Value::Int(i) => BoltType::from(*i),
        Value::Float(f) => BoltType::from(*f),
        Value::Str(s) => BoltType::from(s.as_str()),
        Value::StrList(l) => BoltType::from(l.clone()),
        Value::IntList(l) => BoltType::from(l.clone()),
    }
}

fn row_to_bolt(row: &Row) -> BoltType {
    let props: HashMap<String, BoltType> = row
        .props
        .iter()
        .map(|(k, v)| (k.clone(), value_to_bolt(v)))
        .collect();
    let mut map: HashMap<String, BoltType> = row
        .keys
        .iter()
        .map(|(k, v)| (k.to_string(), BoltType::from(v.as_str())))
        .collect();
    map.insert("props".to_string(), BoltType::from(props));
    BoltType::from(map)
}
