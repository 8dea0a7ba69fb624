//! TEMPORARY compile stub; replaced by the real gazetteer at merge.
use crate::error::Result;
use crate::model::{EntityId, EntityType, ExternalIds, Span};
use std::path::Path;
pub struct Gazetteer {
    entities: Vec<GazEntity>,
}
pub struct GazEntity {
    pub id: EntityId,
    pub name: String,
    pub etype: EntityType,
    pub ids: ExternalIds,
    pub country: Option<EntityId>,
    pub kind: String,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasKind {
    Name,
    Alias,
    Acronym,
    Demonym,
    Surname,
}
#[derive(Clone, Copy, Debug)]
pub struct AliasHit {
    pub entity: usize,
    pub kind: AliasKind,
}
pub struct GazMatch {
    pub span: Span,
    pub hits: Vec<AliasHit>,
}
impl Gazetteer {
    pub fn builtin() -> &'static Gazetteer {
        static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        G.get_or_init(|| Gazetteer { entities: vec![] })
    }
    pub fn with_user_file(_p: &Path) -> Result<Gazetteer> {
        Ok(Gazetteer { entities: vec![] })
    }
    pub fn entities(&self) -> &[GazEntity] {
        &self.entities
    }
    pub fn get(&self, id: &EntityId) -> Option<&GazEntity> {
        self.entities.iter().find(|e| &e.id == id)
    }
    pub fn lookup(&self, _s: &str) -> &[AliasHit] {
        &[]
    }
    pub fn find(&self, _t: &str) -> Vec<GazMatch> {
        vec![]
    }
    pub fn capital_country(&self, _p: &EntityId) -> Option<&EntityId> {
        None
    }
    pub fn is_title(&self, _w: &str) -> bool {
        false
    }
    pub fn is_first_name(&self, _w: &str) -> bool {
        false
    }
}
