//! The shots of a KYC session and the document types that choose them.

use std::fmt;
use std::str::FromStr;

/// One photo the exchange asks for. The string ids are a stable contract (CLI, JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shot {
    Passport,
    IdFront,
    IdBack,
    DlFront,
    DlBack,
    Selfie,
}

/// The physical shape of the document a shot expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentShape {
    /// ID-1 card (ID card, driving licence): 85.60 × 53.98 mm.
    Id1,
    /// Passport data page: 125 × 88 mm.
    PassportPage,
}

impl DocumentShape {
    /// Long side / short side of the outline. An open passport booklet (125 × 176
    /// mm, 1.408 upright) matches the data page's aspect and is accepted too.
    pub fn aspect(&self) -> f32 {
        match self {
            DocumentShape::Id1 => 85.60 / 53.98,
            DocumentShape::PassportPage => 125.0 / 88.0,
        }
    }

    /// Canonical size of the rectified document (landscape), ~250 dpi for ID-1.
    pub fn rectified_size(&self) -> (u32, u32) {
        match self {
            DocumentShape::Id1 => (856, 540),
            DocumentShape::PassportPage => (880, 620),
        }
    }
}

impl Shot {
    pub const ALL: [Shot; 6] = [
        Shot::Passport,
        Shot::IdFront,
        Shot::IdBack,
        Shot::DlFront,
        Shot::DlBack,
        Shot::Selfie,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Shot::Passport => "passport",
            Shot::IdFront => "id-front",
            Shot::IdBack => "id-back",
            Shot::DlFront => "dl-front",
            Shot::DlBack => "dl-back",
            Shot::Selfie => "selfie",
        }
    }

    /// A short title for people.
    /// The shot's name as a person reads it, in the current language.
    pub fn title(self) -> String {
        match self {
            Shot::Passport => crate::tr!("shot-passport"),
            Shot::IdFront => crate::tr!("shot-id-front"),
            Shot::IdBack => crate::tr!("shot-id-back"),
            Shot::DlFront => crate::tr!("shot-dl-front"),
            Shot::DlBack => crate::tr!("shot-dl-back"),
            Shot::Selfie => crate::tr!("shot-selfie"),
        }
    }

    pub fn document_shape(self) -> Option<DocumentShape> {
        match self {
            Shot::Passport => Some(DocumentShape::PassportPage),
            Shot::IdFront | Shot::IdBack | Shot::DlFront | Shot::DlBack => Some(DocumentShape::Id1),
            Shot::Selfie => None,
        }
    }

    pub fn is_document(self) -> bool {
        self.document_shape().is_some()
    }

    /// Front sides and the passport data page carry the holder's portrait.
    pub fn has_portrait(self) -> bool {
        matches!(self, Shot::Passport | Shot::IdFront | Shot::DlFront)
    }

    /// The back of a card: it must not show the portrait side.
    pub fn is_back_side(self) -> bool {
        matches!(self, Shot::IdBack | Shot::DlBack)
    }

    /// The front whose back this shot is.
    pub fn front_side(self) -> Option<Shot> {
        match self {
            Shot::IdBack => Some(Shot::IdFront),
            Shot::DlBack => Some(Shot::DlFront),
            _ => None,
        }
    }
}

impl fmt::Display for Shot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "unknown shot {0:?}: expected one of passport, id-front, id-back, dl-front, dl-back, selfie"
)]
pub struct UnknownShot(String);

impl FromStr for Shot {
    type Err = UnknownShot;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Shot::ALL
            .into_iter()
            .find(|shot| shot.id() == s)
            .ok_or_else(|| UnknownShot(s.to_owned()))
    }
}

/// What the person verifies with; it decides the session's shots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DocumentKind {
    Passport,
    IdCard,
    DrivingLicence,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::Passport,
        DocumentKind::IdCard,
        DocumentKind::DrivingLicence,
    ];

    /// The document's name as a person reads it, in the current language.
    pub fn title(self) -> String {
        match self {
            DocumentKind::Passport => crate::tr!("document-passport"),
            DocumentKind::IdCard => crate::tr!("document-id-card"),
            DocumentKind::DrivingLicence => crate::tr!("document-driving-licence"),
        }
    }

    /// The stable id written in session.json.
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::Passport => "passport",
            DocumentKind::IdCard => "id-card",
            DocumentKind::DrivingLicence => "driving-licence",
        }
    }

    /// The document a shot belongs to (none for the selfie, which every
    /// document's session ends with).
    pub fn of(shot: Shot) -> Option<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .find(|kind| shot != Shot::Selfie && kind.shots().contains(&shot))
    }

    pub fn shots(self) -> &'static [Shot] {
        match self {
            DocumentKind::Passport => &[Shot::Passport, Shot::Selfie],
            DocumentKind::IdCard => &[Shot::IdFront, Shot::IdBack, Shot::Selfie],
            DocumentKind::DrivingLicence => &[Shot::DlFront, Shot::DlBack, Shot::Selfie],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shot_ids_round_trip() {
        for shot in Shot::ALL {
            assert_eq!(shot.id().parse::<Shot>().ok(), Some(shot));
        }
        assert!("selfies".parse::<Shot>().is_err());
    }

    #[test]
    fn every_session_ends_with_the_selfie() {
        for kind in DocumentKind::ALL {
            assert_eq!(kind.shots().last(), Some(&Shot::Selfie));
        }
    }
}
