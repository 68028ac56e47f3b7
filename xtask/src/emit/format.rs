//! Rust tokens as the text of a file: prettyplease's layout, remembered between runs.
//!
//! Parsing the tokens back into a syntax tree and printing it is most of what codegen costs, and
//! between two runs most files come out the same. A [`Cache`] keeps each file's formatted text
//! beside the text of the tokens it came from, and gives it back only for the very same text: an
//! entry is used when its tokens equal the new ones byte for byte, its checksum holds and the
//! same build of the formatter wrote it, so a stale, truncated or corrupt entry is a miss
//! (formatted again and rewritten), never wrong output.

use std::hash::{Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// What starts an entry; the number moves when the layout of an entry changes.
const MAGIC: &str = "codegen-format-cache 2";

/// Formatted files remembered in a folder (under `target/`), one entry per generated file.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    /// The formatter that wrote the entries: the executable's size and modification time, so
    /// that entries from another build (another prettyplease) are never taken as this one's.
    formatter: String,
}

impl Cache {
    /// The cache in `dir` (created on the first entry written), for this executable. `None`
    /// when the executable cannot be identified, so that entries cannot be tied to a formatter.
    pub fn new(dir: PathBuf) -> Option<Cache> {
        let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let modified = exe
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(Cache {
            dir,
            formatter: format!("{}-{}", exe.len(), modified.as_nanos()),
        })
    }

    /// The entry of the generated file `path` (a path relative to the crate, with `/`).
    fn entry(&self, path: &str) -> PathBuf {
        self.dir.join(path.replace('/', "%"))
    }

    /// The formatted text remembered for `path`, if it was formatted from exactly `key`.
    fn get(&self, path: &str, key: &str) -> Option<String> {
        let mut entry = std::fs::read_to_string(self.entry(path)).ok()?;
        let (head, rest) = entry.split_once('\n')?;
        let mut fields = head.rsplitn(4, ' ');
        let sum: u64 = u64::from_str_radix(fields.next()?, 16).ok()?;
        let key_len: usize = fields.next()?.parse().ok()?;
        let formatter = fields.next()?;
        if fields.next()? != MAGIC || formatter != self.formatter {
            return None;
        }
        if rest.get(..key_len)? != key || checksum(rest) != sum {
            return None;
        }
        // The formatted text is the end of the entry: kept in place, not copied.
        let start = head.len() + 1 + key_len;
        entry.drain(..start);
        Some(entry)
    }

    /// Remembers `formatted` for `path`, formatted from `key`. Written to a temporary file and
    /// renamed, so that a run beside this one reads the old entry or the new one, never half.
    /// A cache that cannot be written only costs the next run time: the error is dropped.
    fn put(&self, path: &str, key: &str, formatted: &str) {
        let _ = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let entry = self.entry(path);
            let partial = entry.with_extension(format!("partial{}", std::process::id()));
            let mut payload = String::with_capacity(key.len() + formatted.len());
            payload.push_str(key);
            payload.push_str(formatted);
            let mut f = std::fs::File::create(&partial)?;
            writeln!(
                f,
                "{MAGIC} {} {} {:016x}",
                self.formatter,
                key.len(),
                checksum(&payload)
            )?;
            f.write_all(payload.as_bytes())?;
            drop(f);
            std::fs::rename(&partial, &entry)
        })();
    }
}

/// A checksum of an entry's payload, to tell a damaged entry from a good one.
fn checksum(text: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// `tokens` formatted by prettyplease (from `cache` when it holds the same tokens for `path`).
///
/// With a cache, the key is the tokens' text, and what is cached must be a function of its key
/// alone. The text of a token stream leaves out only its invisible groups (they print as
/// nothing); a file without one is parsed from its tokens, as without a cache, and a file with
/// one from its text, which holds what another stream of the same text would give. (Lexing the
/// text again was a tenth of the first run after a build.) The key is read without copying the
/// tokens, which an exact walk of `proc_macro2`'s trees could not do.
pub fn rust(path: &str, tokens: TokenStream, cache: Option<&Cache>) -> String {
    let Some(cache) = cache else {
        return unparse(path, syn::parse2(tokens));
    };
    let key = tokens.to_string();
    if let Some(formatted) = cache.get(path, &key) {
        return formatted;
    }
    let file = if has_invisible_group(&tokens) {
        syn::parse_str(&key)
    } else {
        syn::parse2(tokens)
    };
    let formatted = unparse(path, file);
    cache.put(path, &key, &formatted);
    formatted
}

/// Whether some group of `tokens`, however deep, has no delimiters.
fn has_invisible_group(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        TokenTree::Group(g) => g.delimiter() == Delimiter::None || has_invisible_group(&g.stream()),
        _ => false,
    })
}

fn unparse(path: &str, file: syn::Result<syn::File>) -> String {
    let file =
        file.unwrap_or_else(|e| panic!("bug in the generator: {path} is not valid Rust: {e}"));
    prettyplease::unparse(&file)
}

/// The folder of the cache beside the crate generated into `out`, under the workspace's
/// `target/` (or `CARGO_TARGET_DIR`): one folder per output folder, named by a hash of its
/// absolute path, so that two crates' entries never meet.
pub fn cache_dir(target_dir: &Path, out: &Path) -> PathBuf {
    let absolute = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let mut h = std::hash::DefaultHasher::new();
    absolute.hash(&mut h);
    target_dir
        .join("codegen-cache")
        .join(format!("{:016x}", h.finish()))
}

/// How many output folders' caches are kept: every `--out` folder (a test's temporary one
/// too) gets its own, and each holds about the size of its crate twice.
pub const KEPT: usize = 16;

/// Marks the cache folder `current` as used now, and deletes all but the [`KEPT`] most
/// recently used cache folders beside it (only folders named as [`cache_dir`] names them).
/// Losing a folder only costs a run its cache; what cannot be read or deleted is left.
pub fn prune(current: &Path) {
    if let Ok(dir) = std::fs::File::open(current) {
        let _ = dir.set_modified(std::time::SystemTime::now());
    }
    let Some(root) = current.parent() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let mut folders: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_dir().then_some((meta.modified().ok()?, e.path()))
        })
        .collect();
    folders.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, old) in folders.into_iter().skip(KEPT) {
        if old != current {
            let _ = std::fs::remove_dir_all(old);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn only_the_most_recently_used_caches_are_kept() {
        let root = std::env::temp_dir()
            .join(format!("xtask-format-prune-{}", std::process::id()))
            .join("codegen-cache");
        let _ = std::fs::remove_dir_all(&root);
        let start = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let folder = |i: usize| root.join(format!("{i:016x}"));
        for i in 0..KEPT + 3 {
            std::fs::create_dir_all(folder(i)).unwrap();
            let at = start + std::time::Duration::from_secs(i as u64);
            std::fs::File::open(folder(i))
                .unwrap()
                .set_modified(at)
                .unwrap();
        }
        // Not a cache folder: never deleted.
        std::fs::create_dir_all(root.join("other")).unwrap();
        // The oldest is the one in use: it becomes the newest.
        prune(&folder(0));
        let kept: Vec<bool> = (0..KEPT + 3).map(|i| folder(i).exists()).collect();
        let expected: Vec<bool> = (0..KEPT + 3).map(|i| i == 0 || i >= 4).collect();
        assert_eq!(kept, expected);
        assert!(root.join("other").exists());
        let _ = std::fs::remove_dir_all(root.parent().unwrap());
    }

    fn cache(test: &str) -> Cache {
        let dir =
            std::env::temp_dir().join(format!("xtask-format-cache-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Cache::new(dir).expect("the test binary is a file")
    }

    fn file() -> TokenStream {
        quote! { pub struct A { pub b: u8 } }
    }

    fn formatted(tokens: TokenStream) -> String {
        rust("src/a.rs", tokens, None)
    }

    #[test]
    fn a_file_with_an_invisible_group_is_cached_as_its_text_formats() {
        use proc_macro2::Group;
        let sum = Group::new(Delimiter::None, quote! { 1 + 2 });
        let grouped = quote! { pub fn f() -> i32 { #sum * 3 } };
        let plain = quote! { pub fn f() -> i32 { 1 + 2 * 3 } };
        assert!(has_invisible_group(&grouped));
        assert!(!has_invisible_group(&plain));
        assert!(!has_invisible_group(&file()));
        // Both have the same text, hence the same entry: it holds what the text gives, though
        // the tree of the grouped tokens prints otherwise.
        assert_eq!(grouped.to_string(), plain.to_string());
        assert_ne!(formatted(grouped.clone()), formatted(plain.clone()));
        let cache = cache("invisible");
        assert_eq!(
            rust("src/a.rs", grouped.clone(), Some(&cache)),
            formatted(plain.clone())
        );
        assert_eq!(
            rust("src/a.rs", plain.clone(), Some(&cache)),
            formatted(plain)
        );
    }

    #[test]
    fn a_second_run_takes_the_file_from_the_cache() {
        let cache = cache("hit");
        assert_eq!(cache.get("src/a.rs", &file().to_string()), None);
        assert_eq!(rust("src/a.rs", file(), Some(&cache)), formatted(file()));
        assert_eq!(
            cache.get("src/a.rs", &file().to_string()),
            Some(formatted(file()))
        );
        assert_eq!(rust("src/a.rs", file(), Some(&cache)), formatted(file()));
    }

    #[test]
    fn a_damaged_stale_or_foreign_entry_is_never_used() {
        let other = quote! { pub struct A { pub b: u16 } };
        type Damage = fn(String) -> String;
        let cases: [(&str, Damage); 4] = [
            // A byte of the formatted text changed: the checksum fails.
            ("damaged", |e| e.replace("pub b: u8", "pub b: u9")),
            // Cut short, as by a crash while writing (entries are renamed into place, but a
            // disk may still lose the end).
            ("truncated", |e| e[..e.len() - 10].to_string()),
            // Written by another build of the generator, whose formatter may differ.
            ("foreign", |e| {
                e.replacen(" ", " 0-", 2).replacen("0-", "", 1)
            }),
            ("garbage", |_| "not an entry".to_string()),
        ];
        for (name, damage) in cases {
            let cache = cache(name);
            rust("src/a.rs", file(), Some(&cache));
            let entry = std::fs::read_to_string(cache.entry("src/a.rs")).unwrap();
            std::fs::write(cache.entry("src/a.rs"), damage(entry)).unwrap();
            assert_eq!(cache.get("src/a.rs", &file().to_string()), None, "{name}");
            assert_eq!(
                rust("src/a.rs", file(), Some(&cache)),
                formatted(file()),
                "{name}"
            );
        }
        // Stale: the entry holds other tokens.
        let cache = cache("stale");
        rust("src/a.rs", other.clone(), Some(&cache));
        assert_eq!(rust("src/a.rs", file(), Some(&cache)), formatted(file()));
        assert_eq!(
            rust("src/a.rs", other.clone(), Some(&cache)),
            formatted(other)
        );
    }
}
