System.Console.WriteLine("Atradius Cover sandbox");
