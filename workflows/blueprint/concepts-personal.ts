/** Concepts of everyday life, learning, health and publishing. */
import { concept, f } from "./concept";

const name = f("string", "nombre|Nombre", "name|Name");
const title = f("string", "titulo|Título", "title|Title");
const email = f("email", "email|Email", "email|Email");
const description = f("text", "descripcion|Descripción", "description|Description", false);
const notes = f("text", "notas|Notas", "notes|Notes", false);
const year = f("integer", "anio|Año", "year|Year", false);
const birthDate = f("date", "fechaNacimiento|Fecha de nacimiento", "birthDate|Birth date", false);

export const PERSONAL_CONCEPTS = [
  concept(
    "event",
    ["evento", "reunión", "actividad"],
    ["event", "meeting", "activity"],
    [
      name,
      f("date", "fecha|Fecha", "date|Date"),
      f("string", "lugar|Lugar", "place|Place", false),
      description,
      f("integer", "aforo|Aforo", "capacity|Capacity", false),
    ],
  ),
  concept(
    "note",
    ["nota", "apunte"],
    ["note"],
    [title, f("text", "contenido|Contenido", "content|Content"), f("date", "fecha|Fecha", "date|Date", false)],
  ),
  concept(
    "message",
    ["mensaje", "comentario", "reseña", "opinión"],
    ["message", "comment", "review"],
    [
      f("string", "autor|Autor", "author|Author"),
      f("text", "contenido|Contenido", "content|Content"),
      f("date", "fecha|Fecha", "date|Date", false),
    ],
  ),
  concept(
    "post",
    ["publicación", "artículo", "entrada", "noticia"],
    ["post", "article"],
    [
      title,
      f("text", "contenido|Contenido", "content|Content"),
      f("string", "autor|Autor", "author|Author", false),
      f("boolean", "publicado|Publicado", "published|Published", false),
      f("date", "fecha|Fecha", "date|Date", false),
    ],
  ),
  concept(
    "recipe",
    ["receta"],
    ["recipe"],
    [
      name,
      f("text", "ingredientes|Ingredientes", "ingredients|Ingredients"),
      f("text", "instrucciones|Instrucciones", "instructions|Instructions"),
      f("integer", "tiempoMinutos|Tiempo (min)", "minutes|Time (min)", false),
      f("integer", "raciones|Raciones", "servings|Servings", false),
    ],
  ),
  concept(
    "dish",
    ["plato"],
    ["dish", "meal"],
    [name, description, f("number", "precio|Precio", "price|Price"), f("string", "categoria|Categoría", "category|Category", false)],
  ),
  concept(
    "book",
    ["libro"],
    ["book"],
    [
      title,
      f("string", "autor|Autor", "author|Author"),
      f("string", "isbn|ISBN", "isbn|ISBN", false),
      year,
      f("boolean", "leido|Leído", "read|Read", false),
    ],
  ),
  concept(
    "movie",
    ["película", "serie"],
    ["movie", "film"],
    [
      title,
      f("string", "director|Director", "director|Director", false),
      year,
      f("boolean", "vista|Vista", "watched|Watched", false),
      f("integer", "puntuacion|Puntuación", "rating|Rating", false),
    ],
  ),
  concept(
    "album",
    ["canción", "disco", "álbum"],
    ["song", "album", "record"],
    [title, f("string", "artista|Artista", "artist|Artist"), year, f("string", "genero|Género", "genre|Genre", false)],
  ),
  concept(
    "pet",
    ["mascota", "perro", "gato", "animal"],
    ["pet", "dog", "cat", "animal"],
    [name, f("string", "especie|Especie", "species|Species"), f("string", "raza|Raza", "breed|Breed", false), birthDate, notes],
  ),
  concept(
    "patient",
    ["paciente"],
    ["patient"],
    [
      name,
      birthDate,
      f("string", "telefono|Teléfono", "phone|Phone", false),
      f("email", "email|Email", "email|Email", false),
      f("text", "historial|Historial", "history|History", false),
    ],
  ),
  concept(
    "course",
    ["curso", "asignatura", "materia"],
    ["course", "subject"],
    [title, description, f("integer", "horas|Horas", "hours|Hours", false), f("number", "precio|Precio", "price|Price", false)],
  ),
  concept("student", ["alumno", "estudiante"], ["student", "pupil"], [name, email, f("string", "curso|Curso", "course|Course", false)]),
  concept(
    "lesson",
    ["clase", "sesión"],
    ["class", "session", "lesson"],
    [
      name,
      f("string", "instructor|Instructor", "instructor|Instructor", false),
      f("date", "fecha|Fecha", "date|Date"),
      f("string", "hora|Hora", "time|Time"),
      f("integer", "plazas|Plazas", "spots|Spots", false),
    ],
  ),
  concept(
    "workout",
    ["ejercicio", "rutina", "entrenamiento"],
    ["exercise", "workout", "routine"],
    [
      name,
      f("integer", "series|Series", "sets|Sets", false),
      f("integer", "repeticiones|Repeticiones", "reps|Reps", false),
      f("number", "pesoKg|Peso (kg)", "weightKg|Weight (kg)", false),
      f("date", "fecha|Fecha", "date|Date", false),
    ],
  ),
  concept(
    "habit",
    ["hábito"],
    ["habit"],
    [
      name,
      f("string", "frecuencia|Frecuencia", "frequency|Frequency", false),
      f("boolean", "completado|Completado", "done|Done", false),
      f("date", "inicio|Inicio", "startDate|Start date", false),
    ],
  ),
  concept(
    "trip",
    ["viaje", "destino"],
    ["trip", "destination", "travel"],
    [
      f("string", "destino|Destino", "destination|Destination"),
      f("date", "fechaSalida|Salida", "departure|Departure"),
      f("date", "fechaRegreso|Regreso", "returnDate|Return", false),
      f("number", "presupuesto|Presupuesto", "budget|Budget", false),
      notes,
    ],
  ),
];
