//! Enums with one spelling at every door: Rust, serde (JSON, configs), the CLI and Python.
//!
//! [`named_enum!`](crate::named_enum) declares an enum whose variants each have one name and
//! gives it `ALL`, `as_str`, [`Display`](std::fmt::Display), [`FromStr`](std::str::FromStr)
//! (failing with [`UnknownName`], which lists the names there are), serde (with this crate's
//! `serde` feature) and clap's `ValueEnum` (with its `clap` feature), all from that one name.

/// A name that is none of an enum's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// What was named ("removal kind", "summary method").
    pub what: &'static str,
    /// The name given.
    pub given: String,
    /// Every name there is.
    pub expected: &'static [&'static str],
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown {} {:?} (expected one of: {})",
            self.what,
            self.given,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// Declares an enum whose variants each have one name (see the [module](crate::names) docs).
///
/// ```
/// textmill_core::named_enum! {
///     /// How loud.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Volume ("volume") {
///         /// Quiet.
///         Low = "low",
///         /// Loud.
///         High = "high",
///     }
/// }
/// assert_eq!("high".parse::<Volume>(), Ok(Volume::High));
/// assert_eq!(Volume::Low.to_string(), "low");
/// let error = "max".parse::<Volume>().unwrap_err();
/// assert_eq!(error.to_string(), "unknown volume \"max\" (expected one of: low, high)");
/// ```
#[macro_export]
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];
            /// Every variant's name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[ $( $text, )+ ];

            /// The variant's name, as every front end spells it.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownName;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                match s {
                    $( $text => Ok($name::$variant), )+
                    _ => Err($crate::UnknownName {
                        what: $what,
                        given: s.to_owned(),
                        expected: $name::NAMES,
                    }),
                }
            }
        }

        $crate::__named_enum_serde!($name);
        $crate::__named_enum_clap!($name);
    };
}

#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __named_enum_serde {
    ($name:ident) => {
        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let name = <::std::string::String as $crate::__serde::Deserialize>::deserialize(
                    deserializer,
                )?;
                name.parse()
                    .map_err(<D::Error as $crate::__serde::de::Error>::custom)
            }
        }
    };
}

#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __named_enum_serde {
    ($name:ident) => {};
}

#[cfg(feature = "clap")]
#[doc(hidden)]
#[macro_export]
macro_rules! __named_enum_clap {
    ($name:ident) => {
        impl $crate::__clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                $name::ALL
            }

            fn to_possible_value(
                &self,
            ) -> ::std::option::Option<$crate::__clap::builder::PossibleValue> {
                Some($crate::__clap::builder::PossibleValue::new(self.as_str()))
            }
        }
    };
}

#[cfg(not(feature = "clap"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __named_enum_clap {
    ($name:ident) => {};
}
