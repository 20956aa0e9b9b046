//! Hover, references, highlights and definition on people and figures: the entity
//! under the cursor is looked up in the analysis' index, never by rescanning the text.

use std::ops::Range;

use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, Hover, HoverContents, Location, MarkupContent,
    MarkupKind, Position, Uri,
};

use super::documents::Snapshot;
use super::position::{Encoding, to_offset, to_range};
use crate::analysis::describe::describe;
use crate::analysis::entities::EntityRef;

/// The entity at `pos` and the range of the mention the cursor is on.
fn entity_at(snap: &Snapshot, pos: Position, enc: Encoding) -> Option<(EntityRef, Range<usize>)> {
    snap.dump
        .entities(&snap.rope)
        .mention_at(to_offset(&snap.rope, pos, enc))
}

pub fn hover(snap: &Snapshot, pos: Position, enc: Encoding) -> Option<Hover> {
    let (e, here) = entity_at(snap, pos, enc)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: describe(&snap.dump, &snap.rope, e),
        }),
        range: Some(to_range(&snap.rope, here, enc)),
    })
}

/// Every mention of the person under the cursor (aliases included), or the figure and
/// its related figures. Without `include_declaration`, a person's introducing mention
/// is left out.
pub fn references(
    uri: &Uri,
    snap: &Snapshot,
    pos: Position,
    include_declaration: bool,
    enc: Encoding,
) -> Option<Vec<Location>> {
    let (e, _) = entity_at(snap, pos, enc)?;
    let definition = match e {
        EntityRef::Person(_) if !include_declaration => {
            snap.dump.entities(&snap.rope).definition(e)
        }
        _ => None,
    };
    Some(
        snap.dump
            .entities(&snap.rope)
            .occurrences(e)
            .into_iter()
            .filter(|r| Some(r) != definition.as_ref())
            .map(|r| Location::new(uri.clone(), to_range(&snap.rope, r, enc)))
            .collect(),
    )
}

pub fn highlights(snap: &Snapshot, pos: Position, enc: Encoding) -> Option<Vec<DocumentHighlight>> {
    let (e, _) = entity_at(snap, pos, enc)?;
    Some(
        snap.dump
            .entities(&snap.rope)
            .occurrences(e)
            .into_iter()
            .map(|r| DocumentHighlight {
                range: to_range(&snap.rope, r, enc),
                kind: Some(DocumentHighlightKind::TEXT),
            })
            .collect(),
    )
}

pub fn definition(uri: &Uri, snap: &Snapshot, pos: Position, enc: Encoding) -> Option<Location> {
    let (e, _) = entity_at(snap, pos, enc)?;
    let range = snap.dump.entities(&snap.rope).definition(e)?;
    Some(Location::new(uri.clone(), to_range(&snap.rope, range, enc)))
}
