namespace Cinegraph.Core.Catalog;

/// <summary>What a generated film is, as far as award categories care (see <c>requires</c> in demo-vocabulary.json).</summary>
[Flags]
internal enum DemoTraits
{
    None = 0,
    Fiction = 1,
    Documentary = 2,
    Animation = 4,
    LiveFiction = 8,
    English = 16,
    NonEnglish = 32,
    French = 64,
    NonFrench = 128,
    Us = 256,
    NonUs = 512,
    Comedy = 1024,
    Drama = 2048,
    Horror = 4096,
    Adapted = 8192,
    Original = 16384,
    British = 32768,
}
