using HushRyd.Runtime.Dapr.Mongo;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace HushRyd.Gateway.Users;

/// <summary>Users in MongoDB, with the seed's indexes: phone unique, email sparse.</summary>
public sealed class MongoUserRepository(IMongoDatabase mongo, TimeProvider time) : IUserRepository, IMongoIndexBootstrapper
{
    public const string CollectionName = "users";

    private IMongoCollection<UserDocument> Users => mongo.GetCollection<UserDocument>(CollectionName);

    public async Task<User?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        (await Users.Find(u => u.Id == userId).FirstOrDefaultAsync(cancellationToken))?.ToUser();

    public async Task<User> GetOrCreateByPhoneAsync(string phone, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        // Upsert on the unique phone: concurrent first logins converge on one user.
        var created = time.GetUtcNow().UtcDateTime;
        var update = Builders<UserDocument>.Update
            .SetOnInsert(u => u.Id, UserId.New())
            .SetOnInsert(u => u.Roles, roles.ToArray())
            .SetOnInsert(u => u.CreatedAt, created)
            .SetOnInsert(u => u.Region, "in");
        try
        {
            return (await Users.FindOneAndUpdateAsync<UserDocument>(
                u => u.Phone == phone,
                update,
                new FindOneAndUpdateOptions<UserDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
                cancellationToken)).ToUser();
        }
        catch (MongoCommandException ex) when (ex.Code == 11000)
        {
            return (await Users.Find(u => u.Phone == phone).FirstAsync(cancellationToken)).ToUser();
        }
    }

    public async Task<User?> SetRolesAsync(string userId, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        (await Users.FindOneAndUpdateAsync<UserDocument>(
            u => u.Id == userId,
            Builders<UserDocument>.Update.Set(u => u.Roles, roles.ToArray()),
            new FindOneAndUpdateOptions<UserDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken))?.ToUser();

    public Task EnsureIndexesAsync(IMongoDatabase database, CancellationToken cancellationToken) =>
        database.GetCollection<UserDocument>(CollectionName).Indexes.CreateManyAsync(IndexModels, cancellationToken);

    public static IReadOnlyList<CreateIndexModel<UserDocument>> IndexModels { get; } =
    [
        new(Builders<UserDocument>.IndexKeys.Ascending(u => u.Phone), new CreateIndexOptions { Unique = true }),
        new(Builders<UserDocument>.IndexKeys.Ascending(u => u.Email), new CreateIndexOptions { Sparse = true }),
    ];

    public sealed class UserDocument
    {
        [BsonId]
        public string Id { get; set; } = string.Empty;

        [BsonElement("phone")]
        public string Phone { get; set; } = string.Empty;

        [BsonElement("email")]
        [BsonIgnoreIfNull]
        public string? Email { get; set; }

        [BsonElement("roles")]
        public string[] Roles { get; set; } = [];

        [BsonElement("region")]
        public string Region { get; set; } = "in";

        [BsonElement("createdAt")]
        public DateTime CreatedAt { get; set; }

        public User ToUser() => new(Id, Phone, Roles, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }
}
