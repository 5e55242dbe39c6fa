// HushRyd MongoDB bootstrap for a sharded cluster: the seed's indexes, shard keys and region zones.
//
//   mongosh "mongodb://<mongos>:27017" deploy/mongo/shard-bootstrap.js
//   mongosh "mongodb://<mongos>:27017" --eval 'var HUSHRYD_DB = "hushryd"; var HUSHRYD_ZONE_SHARDS = { "in-north": ["shard-n0"], "in-west": ["shard-w0"] }' deploy/mongo/shard-bootstrap.js
//
// Safe to run again: creating an existing index, sharding an already sharded collection (checked first),
// adding a shard to a zone it is in and re-assigning the same zone range are all no-ops.

const dbName = typeof HUSHRYD_DB === "string" ? HUSHRYD_DB : "hushryd";
const zoneShards = typeof HUSHRYD_ZONE_SHARDS === "object" ? HUSHRYD_ZONE_SHARDS : {};
const hushryd = db.getSiblingDB(dbName);

// Shard key of the seed: geography first (a region's records stay on its zone's shards), then time.
const shardKey = { region: 1, createdAt: 1 };

// Regions as services/HushRyd.Trips/Places/Region.cs names them; "in" holds records tied to no city.
const regions = ["in-north", "in-west", "in-south", "in-east", "in-central", "in"];

// 1. Indexes: exactly what the services create at start-up and `hushryd db init` creates
//    (tests/HushRyd.UnitTests/Mongo/MongoIndexModelTests.cs keeps this list and the code in step).
hushryd.trips.createIndex({ status: 1, "source.city": 1, departureTime: 1 });
hushryd.trips.createIndex({ driver: 1, status: 1 });
hushryd.trips.createIndex({ "source.coordinates": "2dsphere" });
hushryd.trips.createIndex({ "destination.coordinates": "2dsphere" });
hushryd.users.createIndex({ phone: 1 }, { unique: true });
hushryd.users.createIndex({ email: 1 }, { sparse: true });
hushryd.bookings.createIndex({ passengerId: 1, status: 1 });
hushryd.bookings.createIndex({ tripId: 1, status: 1 });
hushryd.bookings.createIndex({ createdAt: -1 });

// 2. Sharding. users stays unsharded: MongoDB enforces a unique index across shards only when the index is
//    prefixed by the shard key, so { phone: 1 } unique cannot coexist with { region: 1, createdAt: 1 }, and phone
//    uniqueness is what makes a first login create one user, not two. A crore users at a few hundred bytes each
//    is a few GB, comfortably one replica set (the database's primary shard). If it ever must be sharded, shard it
//    on { phone: 1 } (the unique index then is the shard key index), not on the region key.
sh.enableSharding(dbName);
const sharded = ["trips", "bookings", "trustedContacts"];
for (const collection of sharded) {
  const ns = `${dbName}.${collection}`;
  const existing = db.getSiblingDB("config").collections.findOne({ _id: ns, dropped: { $ne: true } });
  if (existing) {
    print(`${ns}: already sharded on ${JSON.stringify(existing.key)}`);
    continue;
  }

  hushryd[collection].createIndex(shardKey);
  sh.shardCollection(ns, shardKey);
  print(`${ns}: sharded on ${JSON.stringify(shardKey)}`);
}

// 3. Zones: one zone per region, each whole region (every createdAt) pinned to its zone's shards. Shard names
//    are the cluster's own; pass them in HUSHRYD_ZONE_SHARDS. Regions without shards are left to the balancer.
for (const region of regions) {
  const shards = zoneShards[region] || [];
  if (shards.length === 0) {
    print(`zone ${region}: no shards given, not pinned (e.g. HUSHRYD_ZONE_SHARDS = { "${region}": ["<shard name>"] })`);
    continue;
  }

  for (const shard of shards) {
    sh.addShardToZone(shard, region);
  }

  for (const collection of sharded) {
    sh.updateZoneKeyRange(`${dbName}.${collection}`, { region: region, createdAt: MinKey }, { region: region, createdAt: MaxKey }, region);
  }

  print(`zone ${region}: ${shards.join(", ")}`);
}
