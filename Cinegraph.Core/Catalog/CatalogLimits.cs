namespace Cinegraph.Core.Catalog;

/// <summary>
/// Column lengths of the catalogue tables. The model (<c>CinegraphDbContext</c>) declares them and the bundle reader
/// refuses longer values with <c>file:line</c>, so a too-long field never reaches the database as a provider error.
/// </summary>
public static class CatalogLimits
{
    public const int ImdbId = 12;
    public const int Title = 500;
    public const int OriginalLanguage = 8;
    public const int Event = 40;
    public const int Award = 200;
    public const int Category = 200;
    public const int ListKey = 60;
    public const int ListName = 200;
    public const int ListKind = 20;
    public const int ListDescription = 2000;
    public const int PersonId = 12;
    public const int PersonName = 300;
    public const int CreditClass = 40;
}
