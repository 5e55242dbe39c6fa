using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HushRyd.Realtime.Rooms;

namespace HushRyd.UnitTests.Realtime;

public class LocalRoomsTests
{
    /// <summary>After any sequence of joins and leaves, a message reaches exactly the members still in the room, once each.</summary>
    [Property(MaxTest = 500)]
    public Property A_message_reaches_exactly_the_current_members_of_its_room_once_each()
    {
        var step =
            from room in Gen.Choose(0, 2)
            from member in Gen.Choose(0, 5)
            from joins in Gen.Elements(true, false)
            select (Room: room, Member: member, Joins: joins);
        return Prop.ForAll(Gen.ListOf(step).ToArbitrary(), steps =>
        {
            var rooms = new LocalRooms();
            var members = Enumerable.Range(0, 6).Select(_ => new CountingMember()).ToArray();
            var expected = new HashSet<(int Room, int Member)>();
            foreach (var (room, member, joins) in steps)
            {
                if (joins)
                {
                    rooms.Add($"trip:{room}", members[member]);
                    expected.Add((room, member));
                }
                else
                {
                    rooms.Remove($"trip:{room}", members[member]);
                    expected.Remove((room, member));
                }
            }

            var delivered = rooms.Deliver("trip:0", new RoomMessage("location", [null]));

            var inRoom = expected.Where(e => e.Room == 0).Select(e => e.Member).ToHashSet();
            return delivered == inRoom.Count
                && members.Select((m, i) => m.Count == (inRoom.Contains(i) ? 1 : 0)).All(ok => ok)
                && rooms.HasMembers("trip:1") == expected.Any(e => e.Room == 1)
                && rooms.Count == expected.Select(e => e.Room).Distinct().Count();
        });
    }

    private sealed class CountingMember : IRoomMember
    {
        public int Count { get; private set; }

        public bool Deliver(RoomMessage message)
        {
            Count++;
            return true;
        }
    }
}
